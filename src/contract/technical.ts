import { z } from 'zod';
import { expertInputSchema } from '../domain/experts/expert.js';
import { CONFLICT_RULE_CODES } from '../domain/conflicts/types.js';
import { TECHNICAL_STAGES } from '../domain/profile/schema.js';
import { isoDateTime } from './common.js';
import { isoDate, nonEmptyText } from './primitives.js';

/**
 * The technical review's API (Art. 8, 15, 24, 26): the agency's expert pool, commitments,
 * conflicts, panels. Scoring and results are in technical-scoring.ts.
 */

export const stage = z.enum(TECHNICAL_STAGES, { message: '评审环节只能是材料评审、现场评审或陈述答辩' });
export const stageParams = z.object({ id: z.uuid({ message: '编号格式不正确' }), stage });

export const expertInput = expertInputSchema;
/** The stored expert as answered (plain types: a response schema must not transform). */
export const expert = z.object({
  id: z.uuid(),
  name: z.string(),
  unit: z.string(),
  title: z.string(),
  industries: z.array(z.string()),
  countyName: z.string().nullable(),
  phone: z.string(),
  email: z.string().nullable(),
  formerEmployers: z.array(z.object({ unit: z.string(), fromYear: z.number().int(), toYear: z.number().int().nullable() })),
  relativesUnits: z.array(z.string()),
  advisedUnits: z.array(z.string()),
  available: z.boolean(),
  maxLoad: z.number().int(),
  /** The expert's login, once the agency opened one. */
  username: z.string().nullable(),
  updatedAt: isoDateTime,
});
export type Expert = z.infer<typeof expert>;
export const expertList = z.object({ items: z.array(expert) });

export const expertAccountRequest = z.object({ username: z.string().trim().regex(/^[a-zA-Z0-9_.-]{3,40}$/, { message: '用户名为 3–40 位字母、数字、下划线、点或连字符' }), password: z.string().min(1).max(200) });

export const poolImportResult = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  /** Rows with errors, by the row number Excel shows; nothing is imported while any remain unless the valid rows were asked for. */
  rows: z.array(z.object({ row: z.number().int(), name: z.string().nullable(), errors: z.array(z.object({ column: z.string(), message: z.string() })) })),
  fileErrors: z.array(z.string()),
});
export type PoolImportResult = z.infer<typeof poolImportResult>;

export const commitment = z.object({
  editionId: z.uuid(),
  editionName: z.string(),
  text: z.string(),
  article: z.string(),
  acceptedAt: isoDateTime.nullable(),
});
export type Commitment = z.infer<typeof commitment>;

/** An expert's work: per edition, the commitment and, once accepted, the panels. */
export const expertTask = z.object({
  applicationId: z.uuid(),
  applicationName: z.string(),
  kind: z.enum(['unit', 'individual']),
  stage,
  stageLabel: z.string(),
  isLeader: z.boolean(),
  /** draft / submitted / null (not started). */
  scorebook: z.enum(['draft', 'submitted']).nullable(),
  consensus: z.enum(['draft', 'submitted']).nullable(),
  /** Whether the application is still at this stage (scoring open). */
  open: z.boolean(),
});
export const expertWork = z.object({
  expertName: z.string().nullable(),
  editions: z.array(z.object({ editionId: z.uuid(), editionName: z.string(), committed: z.boolean(), panels: z.number().int(), tasks: z.array(expertTask) })),
});
export type ExpertWork = z.infer<typeof expertWork>;

export const conflictRule = z.enum(CONFLICT_RULE_CODES);
export const conflictEntry = z.object({
  expertId: z.uuid(),
  expertName: z.string(),
  applicationId: z.uuid(),
  applicationName: z.string(),
  rule: conflictRule,
  ruleLabel: z.string(),
  explanation: z.string(),
  /** Dismissed as a false positive: who, why. */
  dismissed: z.object({ reason: z.string(), by: z.string(), at: isoDateTime }).nullable(),
});
export const conflictList = z.object({ items: z.array(conflictEntry), truncated: z.boolean() });
export type ConflictList = z.infer<typeof conflictList>;
export const conflictDeclaration = z.object({ expertId: z.uuid().optional(), applicationId: z.uuid(), reason: nonEmptyText(500) });
export const conflictDismissal = z.object({ expertId: z.uuid(), applicationId: z.uuid(), rule: conflictRule, reason: nonEmptyText(500) });

export const assignRequest = z.object({ k: z.number().int().min(1).max(15) });
export const panelMember = z.object({ expertId: z.uuid(), name: z.string(), unit: z.string(), isLeader: z.boolean(), affinity: z.number(), why: z.string(), scorebook: z.enum(['draft', 'submitted']).nullable() });
export const schedule = z.object({ scheduledOn: isoDate, location: z.string(), agenda: z.string() });
export const panelView = z.object({
  stage,
  stageLabel: z.string(),
  k: z.number().int(),
  applications: z.array(
    z.object({
      applicationId: z.uuid(),
      name: z.string(),
      kind: z.enum(['unit', 'individual']),
      industry: z.string().nullable(),
      members: z.array(panelMember),
      /** Why the pool cannot fill the panel, when it cannot. */
      shortfall: z.string().nullable(),
      schedule: schedule.nullable(),
    }),
  ),
  experts: z.array(z.object({ expertId: z.uuid(), name: z.string(), load: z.number().int(), maxLoad: z.number().int(), committed: z.boolean() })),
  objective: z.number().nullable(),
});
export type PanelView = z.infer<typeof panelView>;
export const panelMemberRequest = z.object({ expertId: z.uuid() });
export const scheduleRequest = z.object({ scheduledOn: isoDate, location: nonEmptyText(200), agenda: nonEmptyText(2000) });

export const technicalOverview = z.object({
  editionId: z.uuid(),
  editionName: z.string(),
  stages: z.array(z.object({ stage, label: z.string(), state: z.string(), applications: z.number().int(), assigned: z.number().int(), scored: z.number().int() })),
  qualified: z.number().int(),
  reviewed: z.number().int(),
  notAdvanced: z.number().int(),
  pool: z.object({ experts: z.number().int(), available: z.number().int(), committed: z.number().int() }),
  reportSubmittedAt: isoDateTime.nullable(),
});
export type TechnicalOverview = z.infer<typeof technicalOverview>;

/** A panel solve in progress (this process): the column-generation round and the units routed. */
export const solveProgress = z.object({ running: z.boolean(), round: z.number().int(), augmentations: z.number().int(), seats: z.number().int(), elapsedMs: z.number().int() });
export type SolveProgressView = z.infer<typeof solveProgress>;
