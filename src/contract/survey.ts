import { z } from 'zod';
import { RESPONDENT_GROUPS } from '../domain/profile/decision-settings.js';
import { isoDateTime } from './common.js';
import { isoDate } from './primitives.js';

/**
 * The satisfaction survey's API (社会满意度测评, Art. 16; SPEC §4 step 8): the office opens one
 * survey per candidate, issues one-time codes per respondent group, follows the response
 * rates and closes each survey with its score; respondents answer anonymously with a code.
 */

export const respondentGroup = z.enum(RESPONDENT_GROUPS, { message: '测评群体只能是顾客、员工或社会公众' });
export const SURVEY_BATCH_MAX = 2000;

export const surveyOpenRequest = z
  .object({
    /** The candidates to survey; absent: every application of the edition whose technical review is done. */
    applicationIds: z.array(z.uuid({ message: '编号格式不正确' })).min(1, { message: '请至少选择一个申报' }).max(500).optional(),
    opensOn: isoDate,
    closesOn: isoDate,
  })
  .refine((v) => v.closesOn >= v.opensOn, { path: ['closesOn'], message: '结束日期不能早于开始日期' });
export type SurveyOpenRequest = z.infer<typeof surveyOpenRequest>;

export const surveyIssueRequest = z.object({
  group: respondentGroup,
  count: z.number({ message: '请输入数量' }).int({ message: '数量应为整数' }).min(1, { message: '至少发放 1 个测评码' }).max(SURVEY_BATCH_MAX, { message: `每批最多发放 ${SURVEY_BATCH_MAX} 个测评码` }),
});
export type SurveyIssueRequest = z.infer<typeof surveyIssueRequest>;

export const surveyParams = z.object({ id: z.uuid({ message: '编号格式不正确' }), surveyId: z.uuid({ message: '编号格式不正确' }) });

export const SURVEY_STATUSES = ['pending', 'open', 'ended', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const SURVEY_STATUS_LABELS: Record<SurveyStatus, string> = { pending: '未开始', open: '答卷中', ended: '已到期待结束', closed: '已结束' };

export const surveyGroupStats = z.object({
  group: respondentGroup,
  label: z.string(),
  weight: z.number(),
  issued: z.number().int(),
  responses: z.number().int(),
  /** responses / issued, 0..1; null before any code is issued. */
  rate: z.number().nullable(),
  /** 0–100; null without responses. */
  score: z.number().nullable(),
  /** Fewer responses than the profile's minimum per group. */
  thin: z.boolean(),
});

export const surveyRow = z.object({
  surveyId: z.uuid(),
  applicationId: z.uuid(),
  name: z.string(),
  applicationState: z.string(),
  opensOn: isoDate,
  closesOn: isoDate,
  status: z.enum(SURVEY_STATUSES),
  closedAt: isoDateTime.nullable(),
  /** The fixed score once closed, else the score of the responses so far. */
  score: z.number().nullable(),
  groups: z.array(surveyGroupStats),
});
export type SurveyRow = z.infer<typeof surveyRow>;

export const surveyOverview = z.object({
  editionId: z.uuid(),
  editionName: z.string(),
  scale: z.number().int(),
  minResponsesPerGroup: z.number().int(),
  /** Applications whose technical review is done and that have no survey yet. */
  eligible: z.array(z.object({ applicationId: z.uuid(), name: z.string() })),
  items: z.array(surveyRow),
});
export type SurveyOverview = z.infer<typeof surveyOverview>;

// ---- The public side -------------------------------------------------------------------------

export const surveyCodeParams = z.object({ code: z.string().max(64, { message: '测评码格式不正确' }) });

export const questionnaire = z.object({
  candidateName: z.string(),
  group: respondentGroup,
  groupLabel: z.string(),
  questions: z.array(z.string()),
  scale: z.number().int(),
  /** One label per point of the scale, 1 first. */
  scaleLabels: z.array(z.string()),
  closesOn: isoDate,
});
export type Questionnaire = z.infer<typeof questionnaire>;

export const SURVEY_COMMENT_MAX = 500;
export const surveyAnswer = z.object({
  answers: z.array(z.number({ message: '请选择选项' }).int({ message: '请选择选项' })).min(1, { message: '请回答问题' }).max(30),
  comment: z.string().trim().max(SURVEY_COMMENT_MAX, { message: `意见建议不能超过 ${SURVEY_COMMENT_MAX} 个字` }).optional(),
});
export type SurveyAnswer = z.infer<typeof surveyAnswer>;

export const surveyThanks = z.object({ ok: z.literal(true) });
