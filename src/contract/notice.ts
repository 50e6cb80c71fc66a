import { z } from 'zod';
import { isoDateTime } from './common.js';
import { isoDate, nonEmptyText } from './primitives.js';
import { publicWinner } from './public.js';

/** The public notice of the to-be-awarded list (公示, Art. 17), its objections, and the public results pages. */

export const NOTICE_CATEGORIES = ['award', 'nomination'] as const;
export const NOTICE_CATEGORY_LABELS: Record<(typeof NOTICE_CATEGORIES)[number], string> = { award: '市长质量奖', nomination: '提名奖' };
export const APPLICANT_KIND_LABELS: Record<string, string> = { unit: '组织', individual: '个人' };
export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = { open: '待处理', upheld: '异议成立', dismissed: '异议不成立' };
/** At most this many evidence files per objection. */
export const OBJECTION_MAX_FILES = 5;

/** The period of a notice starting on a day: the rules engine counts working days (holidays and make-up days included). */
export const noticePeriodQuery = z.object({ startsOn: isoDate.optional() });
export const noticePeriod = z.object({ startsOn: isoDate, endsOn: isoDate, workingDays: z.number().int() });
export type NoticePeriod = z.infer<typeof noticePeriod>;

export const publishNoticeRequest = z.object({
  title: nonEmptyText(200),
  body: nonEmptyText(10000),
  contact: nonEmptyText(2000).describe('受理异议的联系方式与方法'),
  startsOn: isoDate.optional().describe('公示开始日期，默认为今日（北京时间）'),
});
export type PublishNoticeRequest = z.infer<typeof publishNoticeRequest>;

/** One entry of the notice's list, with only what the public may read (no identity codes, no contacts). */
export const noticeEntry = z.object({
  applicationId: z.uuid(),
  name: z.string(),
  kind: z.string(),
  category: z.enum(NOTICE_CATEGORIES),
  removed: z.boolean(),
});
export type NoticeEntry = z.infer<typeof noticeEntry>;

export const publicNoticeDetail = z.object({
  id: z.uuid(),
  editionId: z.uuid(),
  editionName: z.string(),
  title: z.string(),
  body: z.string(),
  contact: z.string(),
  startsOn: isoDate,
  endsOn: isoDate,
  workingDays: z.number().int(),
  publishedAt: isoDateTime,
  /** Whether objections are received today (Shanghai), by the server's clock. */
  open: z.boolean(),
  items: z.array(noticeEntry),
});
export type PublicNoticeDetail = z.infer<typeof publicNoticeDetail>;

/** The office's (and the deciding bodies') view of an edition's notice step. */
export const noticeOverview = z.object({
  notice: publicNoticeDetail.nullable(),
  /** Applications approved by the leadership and not yet on a notice: what publishing would list. */
  approved: z.array(noticeEntry),
  objectionCounts: z.object({ open: z.number().int(), upheld: z.number().int(), dismissed: z.number().int() }),
  /** An objection was upheld after the leadership's last decision on the list: it must decide again. */
  reconfirmationPending: z.boolean(),
  abilities: z.object({ publish: z.boolean(), rule: z.boolean(), reconfirm: z.boolean() }),
});
export type NoticeOverview = z.infer<typeof noticeOverview>;

/** The objection form's text fields (multipart, beside up to five `files`). */
export const objectionFields = z.object({
  applicationId: z.uuid({ message: '请选择异议所针对的对象' }),
  name: nonEmptyText(100),
  phone: z
    .string()
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: '请填写有效的手机号或固定电话（如 0539-8888888）' }),
  email: z.union([z.literal(''), z.email({ message: '电子邮箱格式不正确' }).max(200)]).optional(),
  organisation: z.string().trim().max(200, { message: '不能超过 200 个字符' }).optional(),
  content: nonEmptyText(5000),
});
export type ObjectionFields = z.infer<typeof objectionFields>;
export const objectionReceipt = z.object({ reference: z.string(), filedAt: isoDateTime });
export type ObjectionReceipt = z.infer<typeof objectionReceipt>;

export const objectionView = z.object({
  id: z.uuid(),
  reference: z.string(),
  applicationId: z.uuid(),
  applicationName: z.string(),
  filerName: z.string(),
  filerPhone: z.string(),
  filerEmail: z.string().nullable(),
  filerOrganisation: z.string().nullable(),
  content: z.string(),
  filedAt: isoDateTime,
  status: z.enum(OBJECTION_STATUSES),
  investigation: z.string().nullable(),
  ruling: z.string().nullable(),
  ruledAt: isoDateTime.nullable(),
  files: z.array(z.object({ id: z.uuid(), originalName: z.string(), size: z.number().int(), mimeType: z.string() })),
});
export type ObjectionView = z.infer<typeof objectionView>;
export const objectionList = z.object({ items: z.array(objectionView) });
export type ObjectionList = z.infer<typeof objectionList>;

export const objectionParams = z.object({ id: z.uuid({ message: '编号格式不正确' }), objectionId: z.uuid({ message: '编号格式不正确' }) });
export const evidenceParams = objectionParams.extend({ fileId: z.uuid({ message: '编号格式不正确' }) });
export const investigationRequest = z.object({ investigation: nonEmptyText(5000) });
export const rulingRequest = z.object({
  outcome: z.enum(['upheld', 'dismissed'], { message: '请选择处理结果' }),
  reason: nonEmptyText(5000),
  decidedOn: isoDate.optional().describe('处理决定日期，默认为今日'),
});
export type RulingRequest = z.infer<typeof rulingRequest>;

/** The public results: the winners of an edition with published results, and the archive of all such editions. */
export const publicEditionWinners = z.object({
  editionId: z.uuid(),
  editionName: z.string(),
  number: z.number().int(),
  year: z.number().int(),
  resultsPublishedAt: isoDateTime,
  winners: z.array(publicWinner),
});
export type PublicEditionWinners = z.infer<typeof publicEditionWinners>;
export const publicArchive = z.object({ editions: z.array(publicEditionWinners) });
export type PublicArchive = z.infer<typeof publicArchive>;
