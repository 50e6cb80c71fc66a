import { z } from 'zod';
import { isoDateTime } from './common.js';
import { isoDate } from './primitives.js';

/**
 * The audit trail's filters and export, and the access log of an application's materials
 * (SPEC §7: who read which trade secrets, when). Dates are Shanghai calendar days, inclusive.
 */

const ACTION_CODE = '[a-z]+\\.[a-zA-Z]+';
const dateRange = {
  from: isoDate.optional(),
  to: isoDate.optional(),
};
const fromNotAfterTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const rangeMessage = { message: '开始日期不能晚于结束日期', path: ['to'] };

/** The audit trail's filters, shared by the page and its Excel export. */
export const auditFilterShape = {
  /** A fragment of the actor's username or name. */
  actor: z.string().trim().max(64, { message: '不能超过 64 个字符' }).optional(),
  actorId: z.uuid({ message: '编号格式不正确' }).optional(),
  /** An entity type as the trail writes it (application, user, winner, case…). */
  entityType: z
    .string()
    .regex(/^[a-z_]{1,40}$/, { message: '对象类型格式不正确' })
    .optional(),
  /** The object's exact id, or a fragment of its name. */
  entity: z.string().trim().max(100, { message: '不能超过 100 个字符' }).optional(),
  /** Comma-separated action codes (e.g. `auth.failed,auth.delayed,user.unlock`). */
  actions: z
    .string()
    .regex(new RegExp(`^${ACTION_CODE}(,${ACTION_CODE}){0,99}$`), { message: '操作类型格式不正确' })
    .optional(),
  ...dateRange,
};
export const auditFilter = z.object(auditFilterShape).refine(fromNotAfterTo, rangeMessage);
export type AuditFilter = z.infer<typeof auditFilter>;

/** Failed logins, lockouts (the delay a failure starts) and unlocks: the page's quick filter. */
export const LOGIN_SECURITY_ACTIONS = ['auth.failed', 'auth.delayed', 'user.unlock'] as const;

/** At most this many records go into one Excel export (newest first); narrow the filters for more. */
export const AUDIT_EXPORT_CAP = 10_000;

// ---- The access log -------------------------------------------------------------------------

/** An application to choose for the access log (searchable select). */
export const accessLogApplication = z.object({
  id: z.uuid(),
  name: z.string(),
  editionName: z.string(),
  state: z.string(),
});
export type AccessLogApplication = z.infer<typeof accessLogApplication>;
export const accessLogApplicationList = z.object({ items: z.array(accessLogApplication) });
export type AccessLogApplicationList = z.infer<typeof accessLogApplicationList>;
export const accessLogApplicationQuery = z.object({
  q: z.string().trim().max(100, { message: '不能超过 100 个字符' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const accessLogQuery = z
  .object({
    applicationId: z.uuid({ message: '请选择申报' }),
    /** A fragment of the reader's username or name. */
    reader: z.string().trim().max(64, { message: '不能超过 64 个字符' }).optional(),
    ...dateRange,
  })
  .refine(fromNotAfterTo, rangeMessage);
export type AccessLogQuery = z.infer<typeof accessLogQuery>;

export const ACCESS_KINDS = ['download', 'view'] as const;
export const ACCESS_KIND_LABELS: Record<(typeof ACCESS_KINDS)[number], string> = { download: '下载材料', view: '查看申报材料页面' };

export const accessLogEntry = z.object({
  at: isoDateTime,
  kind: z.enum(ACCESS_KINDS),
  /** The file downloaded; null for a view of the application's page. */
  fileId: z.uuid().nullable(),
  fileName: z.string().nullable(),
  readerId: z.uuid().nullable(),
  reader: z.string(),
  readerUsername: z.string().nullable(),
  readerRoles: z.array(z.string()),
});
export type AccessLogEntry = z.infer<typeof accessLogEntry>;
export const accessLog = z.object({
  application: accessLogApplication,
  items: z.array(accessLogEntry),
  /** True when more entries matched than the list holds (ACCESS_LOG_CAP). */
  truncated: z.boolean(),
});
export type AccessLog = z.infer<typeof accessLog>;

/** At most this many entries per answer or export, newest first. */
export const ACCESS_LOG_CAP = 5_000;
