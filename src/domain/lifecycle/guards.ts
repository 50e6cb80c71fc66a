import { endOfShanghaiDay, shanghaiToday, type IsoDate } from '../calendar/dates.js';
import type { ApplicantKind, OutcomeCategory } from '../profile/schema.js';

/**
 * The facts about one application that guards look at. The service layer loads, at the
 * instant of the request, only the facts that the guards on the exits of the current state
 * declare (src/services/applications/facts.ts); the domain only reads them. A fact whose
 * capability is not built yet loads as null ("not available"), and the guards on it stay
 * closed with a reason that says so. Ownership and visibility are policy questions answered
 * before guards are consulted.
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
  /** The articles of those failed conditions, in order (repeats allowed), e.g. ['第六条']. */
  eligibilityFailedArticles: string[];
  /**
   * Qualification review by the profile's departments, in parallel (Art. 15). `objections`
   * counts failed opinions the office has not overruled with a written reason.
   */
  departmentOpinions: { expected: number; received: number; objections: number };
  /** Every panel score of the current technical stage is in; null until scoring exists. */
  stageScoresComplete: boolean | null;
  /** The social satisfaction survey has its result (Art. 16); null until the survey exists. */
  surveyComplete: boolean | null;
  /** Last day of the public notice (computed with calendar.noticeEnd); null before it starts. */
  noticeEndsOn: IsoDate | null;
  /** Objections raised during the notice and not yet ruled on (Art. 17). */
  openObjections: number | null;
  /** An upheld objection took a candidate off the notice's list and the leadership has not decided on the list again. */
  reconfirmationPending: boolean;
  /** The category the government's decision gives this application. */
  outcomeCategory: OutcomeCategory | null;
  /** The leadership group has proposed revocation to the government (Art. 28–29). */
  revocationProposed: boolean;
  /** A report against the applicant (Art. 25) was verified and found substantiated, and its case is still open. */
  misconductSubstantiated: boolean;
}

/** A fact a guard may ask for; `now` and `applicantKind` are always there. */
export type FactName = Exclude<keyof LifecycleContext, 'now' | 'applicantKind'>;
export const FACT_NAMES = [
  'applicationDeadline',
  'correctionDeadline',
  'materialsComplete',
  'countyCapReached',
  'eligibilityFailureCount',
  'eligibilityFailedArticles',
  'departmentOpinions',
  'stageScoresComplete',
  'surveyComplete',
  'noticeEndsOn',
  'openObjections',
  'reconfirmationPending',
  'outcomeCategory',
  'revocationProposed',
  'misconductSubstantiated',
] as const satisfies readonly FactName[];

export interface Guard {
  /** What must hold, for the diagram and the UI. */
  label: string;
  /** The facts `test` and `refusal` read: only these are loaded. */
  facts: readonly FactName[];
  test: (ctx: LifecycleContext) => boolean;
  /** Why it does not hold, in Chinese. */
  refusal: (ctx: LifecycleContext) => string;
}

const deadlineOf = (ctx: LifecycleContext) => ctx.correctionDeadline ?? ctx.applicationDeadline;
const noticeOver = (ctx: LifecycleContext) => ctx.noticeEndsOn !== null && shanghaiToday(ctx.now) > ctx.noticeEndsOn;
const NOT_OPEN = '该环节的功能尚未开放';

export const GUARDS = {
  beforeApplicationDeadline: {
    label: '申报截止前',
    facts: ['applicationDeadline'],
    test: (ctx) => ctx.now.getTime() <= endOfShanghaiDay(ctx.applicationDeadline).getTime(),
    refusal: (ctx) => `已超过申报截止时间（${ctx.applicationDeadline} 24:00）`,
  },
  materialsComplete: {
    label: '申报材料齐全',
    facts: ['materialsComplete'],
    test: (ctx) => ctx.materialsComplete,
    refusal: () => '申报材料不齐全：须包含申报表、自我评价报告和证明材料（第十四条）',
  },
  countyCapNotReached: {
    label: '未超过县区推荐名额',
    facts: ['countyCapReached'],
    test: (ctx) => !ctx.countyCapReached,
    refusal: () => '本县区推荐名额已满',
  },
  withinCorrectionPeriod: {
    label: '补正期限内',
    facts: ['applicationDeadline', 'correctionDeadline'],
    test: (ctx) => ctx.now.getTime() <= endOfShanghaiDay(deadlineOf(ctx)).getTime(),
    refusal: (ctx) => `已超过补正期限（${deadlineOf(ctx)} 24:00）`,
  },
  correctionPeriodOver: {
    label: '补正期限已过',
    facts: ['applicationDeadline', 'correctionDeadline'],
    test: (ctx) => ctx.now.getTime() > endOfShanghaiDay(deadlineOf(ctx)).getTime(),
    refusal: (ctx) => `补正期限（${deadlineOf(ctx)}）尚未届满，申报人仍可补正后重新提交`,
  },
  eligibilityPassed: {
    label: '符合申报条件',
    facts: ['eligibilityFailureCount', 'eligibilityFailedArticles'],
    test: (ctx) => ctx.eligibilityFailureCount === 0,
    refusal: (ctx) => {
      const articles = [...new Set(ctx.eligibilityFailedArticles ?? [])];
      return `有 ${ctx.eligibilityFailureCount} 项申报条件不符合${articles.length ? `（${articles.join('、')}）` : ''}`;
    },
  },
  allOpinionsPassed: {
    label: '各部门意见齐全且均无异议',
    facts: ['departmentOpinions'],
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
    facts: ['departmentOpinions'],
    test: (ctx) => ctx.departmentOpinions.objections > 0,
    refusal: () => '没有部门提出异议，不能判定资格审查不通过（第十五条）',
  },
  stageScoresComplete: {
    label: '本环节评分齐全',
    facts: ['stageScoresComplete'],
    test: (ctx) => ctx.stageScoresComplete === true,
    refusal: (ctx) => (ctx.stageScoresComplete === null ? `专家评分：${NOT_OPEN}` : '本评审环节的专家评分尚未齐全'),
  },
  surveyComplete: {
    label: '满意度测评已完成',
    facts: ['surveyComplete'],
    test: (ctx) => ctx.surveyComplete === true,
    refusal: (ctx) => (ctx.surveyComplete === null ? `社会满意度测评：${NOT_OPEN}` : '社会满意度测评尚未完成（第十六条）'),
  },
  noticeEnded: {
    label: '公示期满',
    facts: ['noticeEndsOn'],
    test: noticeOver,
    refusal: (ctx) =>
      ctx.noticeEndsOn === null ? '尚未开始公示' : `公示期至 ${ctx.noticeEndsOn} 结束，期满前不能报市政府审定（第十七条）`,
  },
  noOpenObjections: {
    label: '公示异议均已处理',
    facts: ['openObjections'],
    test: (ctx) => ctx.openObjections === 0,
    refusal: (ctx) => (ctx.openObjections === null ? `公示异议处理：${NOT_OPEN}` : `尚有 ${ctx.openObjections} 件公示异议未处理完毕`),
  },
  listReconfirmed: {
    label: '异议成立后名单已重新审定',
    facts: ['reconfirmationPending'],
    test: (ctx) => !ctx.reconfirmationPending,
    refusal: () => '公示异议成立、名单有变动，须经质量强市工作领导小组重新审定后才能报市政府（第十六条、第十七条）',
  },
  outcomeIsAward: {
    label: '审定结果为市长质量奖',
    facts: ['outcomeCategory'],
    test: (ctx) => ctx.outcomeCategory === 'award',
    refusal: () => '市政府审定结果不是市长质量奖',
  },
  outcomeIsNomination: {
    label: '审定结果为提名奖',
    facts: ['outcomeCategory'],
    test: (ctx) => ctx.outcomeCategory === 'nomination',
    refusal: () => '市政府审定结果不是提名奖',
  },
  revocationProposed: {
    label: '领导小组已提请撤销',
    facts: ['revocationProposed'],
    test: (ctx) => ctx.revocationProposed,
    refusal: () => '质量强市工作领导小组尚未提请撤销（第二十八条、第二十九条）',
  },
  misconductSubstantiated: {
    label: '违规举报已查证属实',
    facts: ['misconductSubstantiated'],
    test: (ctx) => ctx.misconductSubstantiated,
    refusal: () => '没有经查证属实的违规举报（第二十五条）',
  },
} satisfies Record<string, Guard>;

export type GuardName = keyof typeof GUARDS;
export const GUARD_NAMES = Object.keys(GUARDS) as GuardName[];
