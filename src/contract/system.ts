import { z } from 'zod';
import { isoDateTime } from './common.js';
import { isoDate } from './primitives.js';
import { auditFilterShape } from './audit.js';

/** Health, the caller's to-do list and the audit log. */

/** `stalled`: it answers, but a transaction has held it longer than the liveness bound. */
export const DATABASE_HEALTH = ['ok', 'timeout', 'error', 'stalled'] as const;
export type DatabaseHealth = (typeof DATABASE_HEALTH)[number];
/** `full`: less free space under the data folder than one upload of the largest allowed size. */
export const STORAGE_HEALTH = ['ok', 'full', 'error'] as const;
export type StorageHealth = (typeof STORAGE_HEALTH)[number];
export const health = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(DATABASE_HEALTH),
  storage: z.enum(STORAGE_HEALTH),
  /** Age of the oldest transaction still open, in ms (0: none). */
  oldestTransactionMs: z.number().int().nonnegative(),
  /** What is wrong, in words, when status is `unavailable`. */
  problems: z.array(z.string()),
});

/** One to-do item (待办) of the caller; `link` is the UI path where it is done. */
export const task = z.object({ id: z.string(), kind: z.string(), title: z.string(), detail: z.string(), dueOn: isoDate.nullable(), link: z.string() });
export type Task = z.infer<typeof task>;
export const taskList = z.object({ items: z.array(task) });
export type TaskList = z.infer<typeof taskList>;

/** A page of the trail, newest first, with the filters of contract/audit.ts. */
export const auditQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(50), beforeSeq: z.coerce.number().int().positive().optional(), ...auditFilterShape })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export const auditRecord = z.object({
  seq: z.number().int(),
  at: isoDateTime,
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  /** The object's name now (see services/audit/names.ts for each type); null when unknown or gone. */
  entityName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});
export type AuditRecord = z.infer<typeof auditRecord>;
export const auditList = z.object({ items: z.array(auditRecord) });
export type AuditList = z.infer<typeof auditList>;
export const auditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first broken link: its sequence number, its time (null when the record is missing) and what is wrong. */
  firstBroken: z.object({ seq: z.number().int(), at: isoDateTime.nullable(), problem: z.string() }).nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;
