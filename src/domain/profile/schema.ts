import { z } from 'zod';
import { isoDateSchema as isoDate } from '../calendar/date-schema.js';
import { decisionSettingsSchema } from './decision-settings.js';
import { supervisionSettingsSchema } from './supervision-settings.js';
import { technicalReviewSettingsSchema } from './technical-settings.js';

/**
 * A rule profile is one set of Measures expressed as data (SPEC §2, ARCHITECTURE habit 7).
 * Quotas, departments, stage order, weights, notice length, scoring templates and
 * prize types all live here, so new Measures are a new JSON file, not a code change.
 */

export const APPLICANT_KINDS = ['unit', 'individual'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/** Fixed outcome categories that code branches on; labels are profile data (habit 8). */
export const OUTCOME_CATEGORIES = ['award', 'nomination', 'none'] as const;
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number];

/** The technical review stages of Art. 15; material review always comes first. */
export const TECHNICAL_STAGES = ['material', 'onsite', 'defence'] as const;
export type TechnicalStage = (typeof TECHNICAL_STAGES)[number];

/** Text a person reads: not blank, and of a sane length (a profile is data the office types in). */
const text = (max: number) =>
  z
    .string()
    .max(max, { message: `不能超过 ${max} 个字符` })
    .refine((v) => v.trim().length > 0, { message: '不能为空' });
const code = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, { message: '编号只能由字母、数字、下划线、点或连字符组成（至多 40 个字符）' });
/** A stage weight: a share of the final technical score. */
const weight = z.number().min(0, { message: '权重应在 0 到 1 之间' }).max(1, { message: '权重应在 0 到 1 之间' });
/** The call for applications is a notice, not a document store. */
export const CALL_TEMPLATE_MAX = 20_000;

/** Adds an issue for every entry whose key repeats an earlier one, at that entry's path. */
function unique<T>(ctx: z.RefinementCtx, items: readonly T[], key: (item: T) => string, path: (string | number)[], field: string, message: string) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [...path, i, field], message: `${message}：${k}` });
    seen.add(k);
  });
}

const quotaPair = z.object({ unit: z.number().int().min(0), individual: z.number().int().min(0) });

const scoringItem = z.object({
  code,
  name: text(200),
  points: z.number().int().positive(),
  /** process items: 方法-展开-学习-整合; result items: 水平-趋势-对比-整合 */
  kind: z.enum(['process', 'result']),
});

const scoringCategory = z.object({
  code,
  name: text(200),
  items: z.array(scoringItem).min(1),
});

export const scoringTemplateSchema = z
  .object({
    code,
    name: text(200),
    total: z.number().int().positive(),
    categories: z.array(scoringCategory).min(1),
  })
  .superRefine((template, ctx) => {
    const sum = template.categories.flatMap((c) => c.items).reduce((s, i) => s + i.points, 0);
    if (sum !== template.total) {
      ctx.addIssue({ code: 'custom', message: `评分模板各条款分值之和为 ${sum}，应为 ${template.total}` });
    }
    const codes = template.categories.flatMap((c) => c.items.map((i) => i.code));
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', message: '评分条款编号重复' });
  });
export type ScoringTemplate = z.infer<typeof scoringTemplateSchema>;

export const ruleProfileSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9-]{1,60}$/),
    name: text(200),
    documentNumber: text(100),
    awardName: text(100),
    validFrom: isoDate,
    validTo: isoDate,
    cycleYears: z.number().int().positive(),
    quotas: z.object({ award: quotaPair, nomination: quotaPair }),
    prizeTypes: z
      .array(z.object({ code, label: text(100), category: z.enum(['award', 'nomination']) }))
      .min(1)
      .max(20),
    departments: z.array(z.object({ code, name: text(100) })).min(1).max(100),
    /** Order of the technical review stages; material first, the other two in the city's order. */
    technicalStages: z.array(z.enum(TECHNICAL_STAGES)).min(1),
    /** How many applications may advance past each technical stage (null = no cap). */
    advancement: z.record(z.enum(TECHNICAL_STAGES), z.number().int().positive().nullable()),
    noticeWorkingDays: z.number().int().positive(),
    qualificationReviewWorkingDays: z.number().int().positive(),
    /** Stage weights of the final technical score; they must sum to 1. */
    stageWeights: z.object({ material: weight, onsiteDefence: weight, satisfaction: weight }),
    aggregation: z.enum(['mean', 'trimmed_mean', 'leader_consensus']),
    panelMinSize: z.number().int().min(1),
    scoringTemplates: z.object({ unit: scoringTemplateSchema, individual: scoringTemplateSchema }),
    eligibility: z.object({
      unitMinBusinessYears: z.number().int().positive(),
      individualMinQualityWorkYears: z.number().int().positive(),
      cleanRecordYears: z.number().int().positive(),
      /** Art. 6: does a revoked award still bar a new application? */
      revokedWinnersBarred: z.boolean(),
      /** Art. 6 names the award only; whether a nomination award (提名奖) also bars a new application. */
      nomineesBarred: z.boolean(),
      /**
       * Art. 3 "在本市行政区域内": how strictly the registration region of a unit's credit code
       * (GB 32100 pos 3–8) is checked: 'city' = within cityRegionCode, 'county' = also the chosen
       * county (or the city-level authority), 'off' = not checked. Absent = 'off', so profiles
       * written before this setting stay valid.
       */
      regionCheck: z.enum(['city', 'county', 'off']).optional(),
      /** The city's GB/T 2260 prefix (4 digits, e.g. '3713' for Linyi); required unless regionCheck is off. */
      cityRegionCode: z.string().regex(/^\d{4}$/).optional(),
    }),
    preference: z.object({
      categories: z.array(z.object({ code, label: text(200) })).max(50),
      /** Art. 11 "appropriate preference": how it counts is data and shown wherever it changes a ranking. */
      mode: z.enum(['none', 'tiebreak', 'bonus']),
      bonusPoints: z.number().min(0).max(100),
    }),
    countyCap: z.number().int().positive().nullable(),
    /**
     * Where the Measures leave a choice open, what this profile chose and why, in the office's
     * words, keyed by the choice: Art. 11's preference (the setting is preference.mode), Art. 6 and
     * nominees (eligibility.nomineesBarred), the county cap (countyCap), Art. 3's region check
     * (eligibility.regionCheck). The settings decide; this states the choice. Absent in older profiles.
     */
    openChoices: z.object({ preference: text(500), nominees: text(500), countyCap: text(500), regionCheck: text(500) }).partial().optional(),
    /** Conflicts, aggregation, calibration, advancement and assignment settings; absent = the defaults. */
    technicalReview: technicalReviewSettingsSchema.optional(),
    /** Survey, candidate list, committee, awards and prize money settings; absent means the defaults. */
    decision: decisionSettingsSchema.optional(),
    /** Revocation grounds per kind of winner (Art. 28–29); absent means the Measures' lists. */
    supervision: supervisionSettingsSchema.optional(),
    texts: z.object({ callTemplate: text(CALL_TEMPLATE_MAX) }),
  })
  .superRefine((p, ctx) => {
    if (p.validFrom > p.validTo) ctx.addIssue({ code: 'custom', path: ['validTo'], message: '有效期截止日期早于起始日期' });
    const w = p.stageWeights;
    if (Math.abs(w.material + w.onsiteDefence + w.satisfaction - 1) > 1e-9) {
      ctx.addIssue({ code: 'custom', path: ['stageWeights'], message: '各阶段权重之和应为 1' });
    }
    if ((p.eligibility.regionCheck ?? 'off') !== 'off' && !p.eligibility.cityRegionCode) {
      ctx.addIssue({ code: 'custom', path: ['eligibility', 'cityRegionCode'], message: '核对注册地时须给出本市行政区划代码前4位' });
    }
    unique(ctx, p.departments, (d) => d.code, ['departments'], 'code', '部门编号重复');
    unique(ctx, p.departments, (d) => d.name.trim(), ['departments'], 'name', '部门名称重复');
    unique(ctx, p.prizeTypes, (t) => t.code, ['prizeTypes'], 'code', '奖项编号重复');
    unique(ctx, p.preference.categories, (c) => c.code, ['preference', 'categories'], 'code', '优先类别编号重复');
    if (p.technicalStages[0] !== 'material') {
      ctx.addIssue({ code: 'custom', path: ['technicalStages'], message: '技术评审应以材料评审开始' });
    }
    if (new Set(p.technicalStages).size !== p.technicalStages.length) {
      ctx.addIssue({ code: 'custom', path: ['technicalStages'], message: '技术评审环节重复' });
    }
  });
export type RuleProfile = z.infer<typeof ruleProfileSchema>;

/** Whether a profile is in force on a calendar date (ISO yyyy-mm-dd, Asia/Shanghai). */
export function profileValidOn(profile: Pick<RuleProfile, 'validFrom' | 'validTo'>, isoDay: string): boolean {
  return profile.validFrom <= isoDay && isoDay <= profile.validTo;
}
