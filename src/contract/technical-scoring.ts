import { z } from 'zod';
import { scorebookEntrySchema } from '../domain/scoring/scorebook.js';
import { isoDateTime } from './common.js';
import { stage } from './technical.js';

/** Scorebooks, the consensus, the stage's results and the advancement proposal (SPEC §5). */

export const scorebookStatus = z.enum(['draft', 'submitted']);
const entry = z.object({ percent: z.number().nullable(), strengths: z.string().optional(), opportunities: z.string().optional(), evidence: z.string().optional() });

export const scorebookSave = z.object({
  /** Per item code; the server checks the codes against the application's template. */
  items: z.record(z.string().max(40), scorebookEntrySchema),
  /** The revision the editor started from; a stale one is refused (another window saved). */
  revision: z.number().int().min(0),
});

export const scorebook = z.object({
  expertId: z.uuid(),
  expertName: z.string(),
  kind: z.enum(['independent', 'consensus']),
  items: z.record(z.string(), entry),
  total: z.number(),
  byCategory: z.record(z.string(), z.number()),
  filled: z.number().int(),
  of: z.number().int(),
  status: scorebookStatus,
  revision: z.number().int(),
  submittedAt: isoDateTime.nullable(),
  setAside: z.boolean(),
});
export type Scorebook = z.infer<typeof scorebook>;

const spread = z.object({ count: z.number().int(), mean: z.number().nullable(), min: z.number().nullable(), max: z.number().nullable(), spread: z.number() });
export const panelAggregate = z.object({
  method: z.string(),
  appliedMethod: z.string(),
  note: z.string().nullable(),
  items: z.array(spread.extend({ code: z.string(), categoryCode: z.string(), points: z.number(), meanScore: z.number().nullable(), consensusPercent: z.number().nullable(), flagged: z.boolean() })),
  total: spread.extend({ flagged: z.boolean() }),
  byCategory: z.record(z.string(), z.number().nullable()),
  rawMean: z.number().nullable(),
  aggregate: z.number().nullable(),
  dropped: z.object({ low: z.array(z.string()), high: z.array(z.string()) }),
  disagreement: z.boolean(),
});

/** What the scoring page shows: the template, my scorebook, and others' only once mine is in. */
export const scorebookPage = z.object({
  applicationId: z.uuid(),
  applicationName: z.string(),
  kind: z.enum(['unit', 'individual']),
  stage,
  stageLabel: z.string(),
  template: z.object({ code: z.string(), name: z.string(), total: z.number(), categories: z.array(z.object({ code: z.string(), name: z.string(), items: z.array(z.object({ code: z.string(), name: z.string(), points: z.number(), kind: z.enum(['process', 'result']) })) })) }),
  /** Scoring is open while the application is at this stage. */
  open: z.boolean(),
  isLeader: z.boolean(),
  mine: scorebook.nullable(),
  /** The panel's scorebooks: shown to an expert only after submitting their own, to the agency always. */
  panel: z.array(scorebook),
  panelHidden: z.boolean(),
  consensus: scorebook.nullable(),
  aggregate: panelAggregate.nullable(),
  /** The previous stage's conclusion per item (percent, step of 5), to confirm or adjust; null at the first stage. */
  baseline: z.record(z.string(), z.number()).nullable(),
  /** Members and whether each submitted (names only, no scores). */
  members: z.array(z.object({ expertId: z.uuid(), name: z.string(), isLeader: z.boolean(), status: scorebookStatus.nullable() })),
});
export type ScorebookPage = z.infer<typeof scorebookPage>;
export const stageScorebookParams = z.object({ id: z.uuid({ message: '编号格式不正确' }), stage });

/** A stage's results: every application's aggregate beside its raw mean and calibrated score, the ranking and the advancement proposal. */
export const stageResults = z.object({
  stage,
  stageLabel: z.string(),
  method: z.string(),
  /** Whether this is the last technical stage (advancing then means reporting the results). */
  final: z.boolean(),
  rule: z.object({ top: z.number().nullable(), minScore: z.number().nullable(), greyZonePoints: z.number() }),
  calibration: z.object({ ok: z.boolean(), reason: z.string().nullable(), experts: z.array(z.object({ expertId: z.string(), name: z.string(), offset: z.number(), count: z.number().int() })) }),
  sections: z.array(
    z.object({
      kind: z.enum(['unit', 'individual']),
      cutOff: z.number().nullable(),
      rows: z.array(
        z.object({
          applicationId: z.uuid(),
          name: z.string(),
          state: z.string(),
          stateLabel: z.string(),
          members: z.number().int(),
          submitted: z.number().int(),
          complete: z.boolean(),
          rawMean: z.number().nullable(),
          score: z.number().nullable(),
          calibrated: z.number().nullable(),
          disagreement: z.boolean(),
          rank: z.number().int().nullable(),
          advances: z.boolean().nullable(),
          inGreyZone: z.boolean(),
          tiedAtCut: z.boolean(),
        }),
      ),
    }),
  ),
});
export type StageResults = z.infer<typeof stageResults>;
