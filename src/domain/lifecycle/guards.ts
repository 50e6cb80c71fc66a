import { endOfShanghaiDay, shanghaiToday, type IsoDate } from '../calendar/dates.js';
import type { ApplicantKind, OutcomeCategory } from '../profile/schema.js';

/**
 * What the guards look at. The service layer fills it from the database for one
 * application at the instant of the request; the domain only reads it.
 * Ownership (this applicant's own application, this county's own area, an assigned
 * agency) is a policy question answered by the service layer before calling here.
 */
export interface LifecycleContext {
  now: Date;
  applicantKind: ApplicantKind;
  /** The edition's application deadline day (Asia/Shanghai); submission closes at its end. */
  applicationDeadline: IsoDate;
  /** The last day to resubmit after a return for correction; null = the application deadline. */
  correctionDeadline: IsoDate | null;
  /** Application form, self-evaluation report and evidence all present (Art. 14). */
  materialsComplete: boolean;
  /** The county already recommended as many applications as profile.countyCap allows. */
  countyCapReached: boolean;
  /** Failed eligibility conditions (see domain/eligibility); acceptance needs none. */
  eligibilityFailureCount: number;
  /**
   * Qualification review by the profile's departments, in parallel (Art. 15). `objections`
   * counts failed opinions the office has not overruled with a written reason.
   */
  departmentOpinions: { expected: number; received: number; objections: number };
  /** Every panel score of the current technical stage is in. */
  stageScoresComplete: boolean;
  /** The social satisfaction survey has its result (Art. 16). */
  surveyComplete: boolean;
  /** Last day of the public notice (computed with calendar.noticeEnd); null before it starts. */
  noticeEndsOn: IsoDate | null;
  /** Objections raised during the notice and not yet ruled on (Art. 17). */
  openObjections: number;
  /** The category the government's approval gives this application. */
  outcomeCategory: OutcomeCategory | null;
  /** The leadership group has proposed revocation to the government (Art. 28–29). */
  revocationProposed: boolean;
}

export interface Guard {
  /** What must hold, for the diagram and the UI. */
  label: string;
  test: (ctx: LifecycleContext) => boolean;
  /** Why it does not hold, in Chinese. */
  refusal: (ctx: LifecycleContext) => string;
}

const deadlineOf = (ctx: LifecycleContext) => ctx.correctionDeadline ?? ctx.applicationDeadline;
const noticeOver = (ctx: LifecycleContext) => ctx.noticeEndsOn !== null && shanghaiToday(ctx.now) > ctx.noticeEndsOn;

export const GUARDS = {
  beforeApplicationDeadline: {
    label: '申报截止前',
    test: (ctx) => ctx.now.getTime() <= endOfShanghaiDay(ctx.applicationDeadline).getTime(),
    refusal: (ctx) => `已超过申报截止时间（${ctx.applicationDeadline} 24:00）`,
  },
  materialsComplete: {
    label: '申报材料齐全',
    test: (ctx) => ctx.materialsComplete,
    refusal: () => '申报材料不齐全：须包含申报表、自我评价报告和证明材料（第十四条）',
  },
  countyCapNotReached: {
    label: '未超过县区推荐名额',
    test: (ctx) => !ctx.countyCapReached,
    refusal: () => '本县区推荐名额已满',
  },
  withinCorrectionPeriod: {
    label: '补正期限内',
    test: (ctx) => ctx.now.getTime() <= endOfShanghaiDay(deadlineOf(ctx)).getTime(),
    refusal: (ctx) => `已超过补正期限（${deadlineOf(ctx)} 24:00）`,
  },
  correctionPeriodOver: {
    label: '补正期限已过',
    test: (ctx) => ctx.now.getTime() > endOfShanghaiDay(deadlineOf(ctx)).getTime(),
    refusal: (ctx) => `补正期限（${deadlineOf(ctx)}）尚未届满，申报人仍可补正后重新提交`,
  },
  eligibilityPassed: {
    label: '符合申报条件',
    test: (ctx) => ctx.eligibilityFailureCount === 0,
    refusal: (ctx) => `有 ${ctx.eligibilityFailureCount} 项申报条件不符合（第十条、第十二条）`,
  },
  allOpinionsPassed: {
    label: '各部门意见齐全且均无异议',
    test: (ctx) => {
      const o = ctx.departmentOpinions;
      return o.expected > 0 && o.received >= o.expected && o.objections === 0;
    },
    refusal: (ctx) => {
      const o = ctx.departmentOpinions;
      if (o.objections > 0) return `有 ${o.objections} 个部门提出异议，不能判定资格审查通过`;
      return `资格审查部门意见尚未齐全（已收到 ${o.received}/${o.expected}）`;
    },
  },
  hasObjection: {
    label: '有部门提出异议',
    test: (ctx) => ctx.departmentOpinions.objections > 0,
    refusal: () => '没有部门提出异议，不能判定资格审查不通过（第十五条）',
  },
  stageScoresComplete: {
    label: '本环节评分齐全',
    test: (ctx) => ctx.stageScoresComplete,
    refusal: () => '本评审环节的专家评分尚未齐全',
  },
  surveyComplete: {
    label: '满意度测评已完成',
    test: (ctx) => ctx.surveyComplete,
    refusal: () => '社会满意度测评尚未完成（第十六条）',
  },
  noticeEnded: {
    label: '公示期满',
    test: noticeOver,
    refusal: (ctx) =>
      ctx.noticeEndsOn === null ? '尚未开始公示' : `公示期至 ${ctx.noticeEndsOn} 结束，期满前不能报市政府审定（第十七条）`,
  },
  noOpenObjections: {
    label: '公示异议均已处理',
    test: (ctx) => ctx.openObjections === 0,
    refusal: (ctx) => `尚有 ${ctx.openObjections} 件公示异议未处理完毕`,
  },
  outcomeIsAward: {
    label: '审定结果为市长质量奖',
    test: (ctx) => ctx.outcomeCategory === 'award',
    refusal: () => '市政府审定结果不是市长质量奖',
  },
  outcomeIsNomination: {
    label: '审定结果为提名奖',
    test: (ctx) => ctx.outcomeCategory === 'nomination',
    refusal: () => '市政府审定结果不是提名奖',
  },
  outcomeIsNone: {
    label: '审定结果为不授奖',
    test: (ctx) => ctx.outcomeCategory === 'none',
    refusal: () => '市政府审定结果为授奖，不能记为未获奖',
  },
  revocationProposed: {
    label: '领导小组已提请撤销',
    test: (ctx) => ctx.revocationProposed,
    refusal: () => '质量强市工作领导小组尚未提请撤销（第二十八条、第二十九条）',
  },
} satisfies Record<string, Guard>;

export type GuardName = keyof typeof GUARDS;
export const GUARD_NAMES = Object.keys(GUARDS) as GuardName[];
