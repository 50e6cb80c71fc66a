import type { GuardName, LifecycleContext } from '../../../src/domain/lifecycle/index.js';

/** A context in which every guard holds except the mutually exclusive ones below. */
export const BASE_CONTEXT: LifecycleContext = {
  now: new Date('2026-06-01T00:00:00Z'),
  applicantKind: 'unit',
  applicationDeadline: '2026-06-30',
  correctionDeadline: null,
  materialsComplete: true,
  countyCapReached: false,
  eligibilityFailureCount: 0,
  eligibilityFailedArticles: [],
  departmentOpinions: { expected: 9, received: 9, objections: 0 },
  stageScoresComplete: true,
  surveyComplete: true,
  noticeEndsOn: '2026-05-20',
  openObjections: 0,
  reconfirmationPending: false,
  outcomeCategory: 'award',
  revocationProposed: true,
  misconductSubstantiated: true,
};

/** What makes each guard hold (on top of BASE_CONTEXT). */
export const PASSING: Record<GuardName, Partial<LifecycleContext>> = {
  beforeApplicationDeadline: {},
  materialsComplete: {},
  countyCapNotReached: {},
  withinCorrectionPeriod: {},
  correctionPeriodOver: { now: new Date('2026-07-01T00:00:00Z') },
  eligibilityPassed: {},
  allOpinionsPassed: {},
  hasObjection: { departmentOpinions: { expected: 9, received: 3, objections: 1 } },
  stageScoresComplete: {},
  surveyComplete: {},
  noticeEnded: {},
  noOpenObjections: {},
  listReconfirmed: {},
  outcomeIsAward: {},
  outcomeIsNomination: { outcomeCategory: 'nomination' },
  revocationProposed: {},
  misconductSubstantiated: {},
};

/** What makes each guard fail, with a fragment of the expected Chinese refusal. */
export const FAILING: Record<GuardName, [Partial<LifecycleContext>, string]> = {
  beforeApplicationDeadline: [{ now: new Date('2026-06-30T16:00:00.000Z') }, '已超过申报截止时间（2026-06-30 24:00）'],
  materialsComplete: [{ materialsComplete: false }, '申报材料不齐全'],
  countyCapNotReached: [{ countyCapReached: true }, '推荐名额已满'],
  withinCorrectionPeriod: [{ correctionDeadline: '2026-05-31' }, '已超过补正期限（2026-05-31 24:00）'],
  correctionPeriodOver: [{ now: new Date('2026-06-30T15:59:59.999Z') }, '尚未届满'],
  eligibilityPassed: [{ eligibilityFailureCount: 2, eligibilityFailedArticles: ['第六条', '第十条第（五）项'] }, '有 2 项申报条件不符合（第六条、第十条第（五）项）'],
  allOpinionsPassed: [{ departmentOpinions: { expected: 9, received: 8, objections: 0 } }, '已收到 8/9'],
  hasObjection: [{ departmentOpinions: { expected: 9, received: 9, objections: 0 } }, '没有部门提出异议'],
  stageScoresComplete: [{ stageScoresComplete: false }, '评分尚未齐全'],
  surveyComplete: [{ surveyComplete: false }, '满意度测评尚未完成'],
  noticeEnded: [{ noticeEndsOn: '2026-06-01' }, '公示期至 2026-06-01 结束'],
  noOpenObjections: [{ openObjections: 1 }, '尚有 1 件公示异议'],
  listReconfirmed: [{ reconfirmationPending: true }, '重新审定'],
  outcomeIsAward: [{ outcomeCategory: 'nomination' }, '不是市长质量奖'],
  outcomeIsNomination: [{ outcomeCategory: 'award' }, '不是提名奖'],
  revocationProposed: [{ revocationProposed: false }, '尚未提请撤销'],
  misconductSubstantiated: [{ misconductSubstantiated: false }, '没有经查证属实的违规举报'],
};

export function contextPassing(guards: readonly GuardName[], over: Partial<LifecycleContext> = {}): LifecycleContext {
  return Object.assign({}, BASE_CONTEXT, ...guards.map((g) => PASSING[g]), over);
}
