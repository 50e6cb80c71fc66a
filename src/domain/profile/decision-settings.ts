import { z } from 'zod';
import { DEFAULT_SERIAL_PREFIX, SERIAL_PREFIX_PATTERN } from '../awards/serial-prefix.js';
import type { ApplicantKind, RuleProfile } from './schema.js';

/**
 * The decision and publication's settings (SPEC §4 steps 8–13, §6; Art. 9, 16–22) as profile
 * data. Optional in a profile, so the profiles written before this capability stay valid;
 * `decisionSettings` fills in the defaults, which are the Measures' and common practice.
 */

/** The survey's respondent groups (社会满意度测评: 顾客、员工、公众). */
export const RESPONDENT_GROUPS = ['customer', 'employee', 'public'] as const;
export type RespondentGroup = (typeof RESPONDENT_GROUPS)[number];
export const RESPONDENT_GROUP_LABELS: Record<RespondentGroup, string> = { customer: '顾客', employee: '员工', public: '社会公众' };

/** Art. 21's purposes of the prize money; a usage report names one per line. */
export const PRIZE_PURPOSES = ['quality_improvement', 'quality_tackling', 'standards', 'technology', 'research', 'training', 'laboratory', 'promotion'] as const;
export type PrizePurpose = (typeof PRIZE_PURPOSES)[number];
export const PRIZE_PURPOSE_LABELS: Record<PrizePurpose, string> = {
  quality_improvement: '质量持续改进',
  quality_tackling: '质量攻关',
  standards: '标准制定',
  technology: '技术攻关',
  research: '科技研发',
  training: '人员培训',
  laboratory: '实验室建设投入',
  promotion: '经验推广宣传',
};

/** What a winner receives (Art. 19): units a trophy, a plaque and a certificate; individuals a trophy and a certificate. */
export const AWARD_ITEM_KINDS = ['trophy', 'plaque', 'certificate'] as const;
export type AwardItemKind = (typeof AWARD_ITEM_KINDS)[number];
export const AWARD_ITEM_LABELS: Record<AwardItemKind, string> = { trophy: '奖杯', plaque: '奖牌', certificate: '证书' };

const perKind = z.object({ unit: z.number().int().min(0).max(100), individual: z.number().int().min(0).max(100) });
const share = z.number().min(0).max(1);
const itemList = z.array(z.enum(AWARD_ITEM_KINDS)).min(1).max(3);
const itemsPerKind = z.object({ unit: itemList, individual: itemList });

export const decisionSettingsSchema = z
  .object({
  survey: z.object({
    /** Weights of the groups in a candidate's satisfaction score; they must sum to 1. */
    groupWeights: z.object({ customer: share, employee: share, public: share }),
    /** Answers per question on a 1..scale agreement scale; the score is the mean mapped to 0–100. */
    scale: z.number().int().min(3).max(10),
    /** A group with fewer responses than this is shown as thin; the score still counts what came. */
    minResponsesPerGroup: z.number().int().min(1).max(10_000),
    /** Questions per group, in Chinese. */
    questions: z.object({ customer: z.array(z.string().min(1).max(200)).min(1).max(30), employee: z.array(z.string().min(1).max(200)).min(1).max(30), public: z.array(z.string().min(1).max(200)).min(1).max(30) }),
  }),
  /** How many applications of each kind the office may put on the candidate list. */
  candidateLimit: perKind,
  committee: z.object({
    /** Quorum of the plenary as a share of the members (Art. 9 practice: two thirds). */
    quorumShare: share,
    /** A choice carries when its votes are more than this share of the members entitled to vote on the candidate. */
    thresholdShare: share,
    /** Secret ballot: the record shows who voted and the tally, never who voted what. */
    secretBallot: z.boolean(),
  }),
  /** What each kind of winner receives per category (Art. 19 names the award's; the nomination's is the profile's choice). */
  awardItems: z.object({ award: itemsPerKind, nomination: itemsPerKind }),
  /** Prize money per prize type code, in yuan (Art. 19); a type absent here carries no money. */
  prizeMoney: z.record(z.string(), z.number().int().min(0).max(100_000_000)),
  /** Months after the disbursement within which the winner reports the use of the money (Art. 21). */
  usageReportMonths: z.number().int().min(1).max(60),
  /** The two capital letters that open the city's certificate serials (Art. 19), e.g. LY for Linyi. */
  certificatePrefix: z.string().regex(SERIAL_PREFIX_PATTERN, { message: '证书编号前缀应为两个大写字母' }).optional(),
  })
  .superRefine((s, ctx) => {
    const w = s.survey.groupWeights;
    if (Math.abs(w.customer + w.employee + w.public - 1) > 1e-9) ctx.addIssue({ code: 'custom', path: ['survey', 'groupWeights'], message: '各测评群体权重之和应为 1' });
  });
export type DecisionSettings = z.infer<typeof decisionSettingsSchema>;

export const DEFAULT_DECISION_SETTINGS: DecisionSettings = {
  survey: {
    groupWeights: { customer: 0.5, employee: 0.25, public: 0.25 },
    scale: 5,
    minResponsesPerGroup: 30,
    questions: {
      customer: ['您对该单位产品或服务质量的总体评价', '该单位产品或服务满足您需求的程度', '该单位处理投诉与售后服务的及时性', '该单位履行承诺、诚信经营的情况', '您向他人推荐该单位产品或服务的意愿'],
      employee: ['您对本单位质量管理工作的总体评价', '本单位领导重视质量的程度', '本单位提供的培训与发展机会', '本单位工作环境与安全保障', '您对本单位社会责任履行的评价'],
      public: ['您对该单位（个人）社会形象的总体评价', '该单位（个人）在环境保护、安全方面的表现', '该单位（个人）诚信守法的情况', '该单位（个人）对本地质量发展的贡献'],
    },
  },
  candidateLimit: { unit: 10, individual: 8 },
  committee: { quorumShare: 2 / 3, thresholdShare: 1 / 2, secretBallot: true },
  awardItems: {
    award: { unit: ['trophy', 'plaque', 'certificate'], individual: ['trophy', 'certificate'] },
    // Art. 19 is silent on the nomination award: a certificate is the common practice.
    nomination: { unit: ['certificate'], individual: ['certificate'] },
  },
  prizeMoney: {},
  usageReportMonths: 12,
};

export function decisionSettings(profile: Pick<RuleProfile, 'decision'>): DecisionSettings {
  return profile.decision ?? DEFAULT_DECISION_SETTINGS;
}

/** The prefix of the profile's certificate serials. */
export function certificatePrefixOf(profile: Pick<RuleProfile, 'decision'>): string {
  return profile.decision?.certificatePrefix ?? DEFAULT_SERIAL_PREFIX;
}

/** The smallest number of members present for the plenary to sit. */
export function quorumOf(members: number, quorumShare: number): number {
  return Math.ceil(members * quorumShare - 1e-9);
}

/** The votes a choice needs to carry: more than `thresholdShare` of those entitled to vote. */
export function votesNeeded(entitled: number, thresholdShare: number): number {
  return Math.floor(entitled * thresholdShare + 1e-9) + 1;
}

export const KIND_OF: Record<ApplicantKind, string> = { unit: '单位', individual: '个人' };
