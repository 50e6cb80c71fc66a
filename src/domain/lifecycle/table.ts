import type { RuleProfile } from '../profile/schema.js';
import type { GuardName } from './guards.js';
import { APPLICANT_ROLES, type LifecycleTable, type Transition } from './types.js';
import { STAGE_LABELS, STAGE_STATES, WITHDRAWABLE_STATES, FINAL_STATES, type ApplicationState } from './states.js';
import { validateLifecycle } from './validate.js';

type Spec = Omit<Transition, 'guards' | 'reasonRequired' | 'trigger' | 'effects'> & {
  guards?: GuardName[];
  reasonRequired?: boolean;
  trigger?: Transition['trigger'];
  effects?: Transition['effects'];
};

const t = (spec: Spec): Transition => ({ guards: [], reasonRequired: false, trigger: spec.decision ? 'procedure' : 'actor', effects: [], ...spec });

/**
 * Builds the application lifecycle of a rule profile: the fixed procedure of Art. 13–18
 * with the technical review stages in profile.technicalStages order, then validates it.
 */
export function buildLifecycle(profile: Pick<RuleProfile, 'code' | 'technicalStages'>): LifecycleTable {
  const A = APPLICANT_ROLES;
  const stages = profile.technicalStages;
  const stageStates = stages.map((s) => STAGE_STATES[s]);
  const submitted = ['stampSubmission', 'snapshotVersion', 'notifyCounty'] as const;

  const transitions: Transition[] = [
    t({ from: 'draft', to: 'submitted', action: 'submit', label: '提交申报', roles: A, guards: ['beforeApplicationDeadline', 'materialsComplete', 'eligibilityPassed'], effects: submitted, article: '第十条、第十二条、第十四条' }),
    t({ from: 'submitted', to: 'recommended', action: 'recommend', label: '签署推荐意见', roles: ['county'], guards: ['countyCapNotReached'], payload: 'countyOpinion', effects: ['recordCountyOpinion', 'notifyOffice'], article: '第十四条' }),
    t({ from: 'submitted', to: 'not_recommended', action: 'notRecommend', label: '不予推荐', roles: ['county'], reasonRequired: true, reasonField: 'opinion', payload: 'countyOpinion', effects: ['recordCountyOpinion', 'notifyApplicant'], article: '第十四条' }),
    t({ from: 'recommended', to: 'accepted', action: 'accept', label: '受理', roles: ['office'], guards: ['eligibilityPassed'], effects: ['notifyApplicant'], article: '第十五条' }),
    t({ from: 'recommended', to: 'returned', action: 'returnForCorrection', label: '退回补正', roles: ['office'], reasonRequired: true, payload: 'correction', effects: ['setCorrectionDeadline', 'notifyApplicant'], article: '第十五条' }),
    t({ from: 'recommended', to: 'rejected', action: 'reject', label: '不予受理', roles: ['office'], reasonRequired: true, effects: ['notifyApplicant'], article: '第十五条' }),
    t({ from: 'returned', to: 'submitted', action: 'resubmit', label: '补正后重新提交', roles: A, guards: ['withinCorrectionPeriod', 'materialsComplete', 'eligibilityPassed'], effects: submitted, article: '第十条、第十二条、第十四条' }),
    t({ from: 'returned', to: 'rejected', action: 'reject', label: '逾期未补正，不予受理', roles: ['office'], guards: ['correctionPeriodOver'], reasonRequired: true, effects: ['notifyApplicant'], article: '第十五条' }),
    t({ from: 'accepted', to: 'qualification_review', action: 'startQualificationReview', label: '组织资格审查', trigger: 'procedure', roles: ['office'], effects: ['openQualificationTasks'], article: '第十五条' }),
    t({ from: 'qualification_review', to: 'qualified', action: 'qualify', label: '资格审查通过', trigger: 'procedure', roles: ['office'], guards: ['allOpinionsPassed'], effects: ['notifyApplicant'], article: '第十五条' }),
    t({ from: 'qualification_review', to: 'disqualified', action: 'disqualify', label: '资格审查不通过', roles: ['office'], guards: ['hasObjection'], reasonRequired: true, effects: ['notifyApplicant'], article: '第十五条' }),
    t({ from: 'qualified', to: stageStates[0], action: 'startTechnicalReview', label: `开始${STAGE_LABELS[stages[0]]}`, roles: ['agency'], article: '第十五条' }),
  ];

  const advancement = (outcome: 'advance' | 'not_advance') => ({ kind: 'advancement' as const, outcomes: [outcome] });
  stages.forEach((stage, i) => {
    const from = stageStates[i];
    const next = stages[i + 1];
    transitions.push(
      next
        ? t({ from, to: stageStates[i + 1], action: 'advance', label: `晋级${STAGE_LABELS[next]}`, roles: ['agency'], guards: ['stageScoresComplete'], decision: advancement('advance'), article: '第十五条' })
        : t({ from, to: 'technical_reviewed', action: 'reportTechnicalResults', label: '报送技术评审结果', roles: ['agency'], guards: ['stageScoresComplete'], decision: advancement('advance'), article: '第八条' }),
      t({ from, to: 'not_advanced', action: 'notAdvance', label: `${STAGE_LABELS[stage]}未晋级`, roles: ['agency'], guards: ['stageScoresComplete'], decision: advancement('not_advance'), article: '第十五条' }),
    );
  });

  transitions.push(
    t({ from: 'technical_reviewed', to: 'satisfaction_survey', action: 'startSurvey', label: '开展社会满意度测评', roles: ['office'], article: '第十六条' }),
    t({ from: 'satisfaction_survey', to: 'candidate', action: 'proposeCandidate', label: '列入建议候选名单', roles: ['office'], guards: ['surveyComplete'], decision: { kind: 'candidate_list', outcomes: ['candidate'] }, article: '第十六条' }),
    t({ from: 'satisfaction_survey', to: 'not_selected', action: 'notSelect', label: '不列入建议候选名单', roles: ['office'], guards: ['surveyComplete'], decision: { kind: 'candidate_list', outcomes: ['not_selected'] }, article: '第十六条' }),
    t({ from: 'candidate', to: 'proposed', action: 'committeePropose', label: '评审委审议列入建议拟获奖名单', roles: ['committee'], decision: { kind: 'committee_resolution', outcomes: ['proposed'] }, article: '第九条、第十六条' }),
    t({ from: 'candidate', to: 'not_selected', action: 'notSelect', label: '评审委审议未列入', roles: ['committee'], decision: { kind: 'committee_resolution', outcomes: ['not_selected'] }, article: '第九条、第十六条' }),
    t({ from: 'proposed', to: 'leadership_approved', action: 'leadershipApprove', label: '领导小组审定', roles: ['leadership'], decision: { kind: 'leadership_approval', outcomes: ['approved'] }, article: '第十六条' }),
    t({ from: 'proposed', to: 'not_selected', action: 'notSelect', label: '领导小组审定未通过', roles: ['leadership'], decision: { kind: 'leadership_approval', outcomes: ['not_selected'] }, article: '第十六条' }),
    t({ from: 'proposed', to: 'candidate', action: 'returnToCommittee', label: '退回评审委员会重新审议', roles: ['leadership'], decision: { kind: 'leadership_approval', outcomes: ['returned'] }, article: '第十六条' }),
    t({ from: 'leadership_approved', to: 'public_notice', action: 'startNotice', label: '开始公示', roles: ['office'], article: '第十七条' }),
    t({ from: 'public_notice', to: 'government_approved', action: 'governmentApprove', label: '市政府审定', roles: ['government'], guards: ['noticeEnded', 'noOpenObjections', 'listReconfirmed'], decision: { kind: 'government_decision', outcomes: ['award', 'nomination'] }, article: '第十八条' }),
    t({ from: 'public_notice', to: 'not_awarded', action: 'notAward', label: '市政府审定不授奖', roles: ['government'], guards: ['noticeEnded', 'noOpenObjections', 'listReconfirmed'], decision: { kind: 'government_decision', outcomes: ['none'] }, article: '第十七条、第十八条' }),
    t({ from: 'public_notice', to: 'not_selected', action: 'removeAfterObjection', label: '公示异议成立，移出名单', roles: ['office'], decision: { kind: 'objection_ruling', outcomes: ['removed'] }, article: '第十七条' }),
    t({ from: 'government_approved', to: 'awarded', action: 'publishAward', label: '公布获奖', roles: ['office'], guards: ['outcomeIsAward'], effects: ['recordWinner', 'notifyApplicant'], article: '第十八条、第十九条' }),
    t({ from: 'government_approved', to: 'nominated', action: 'publishNomination', label: '公布提名奖', roles: ['office'], guards: ['outcomeIsNomination'], effects: ['recordWinner', 'notifyApplicant'], article: '第十八条、第十九条' }),
    t({ from: 'awarded', to: 'revoked', action: 'revoke', label: '撤销奖项', roles: ['government'], guards: ['revocationProposed'], decision: { kind: 'revocation_decision', outcomes: ['revoke'] }, effects: ['markWinnerRevoked', 'notifyApplicant'], article: '第二十八条、第二十九条' }),
    t({ from: 'nominated', to: 'revoked', action: 'revoke', label: '撤销奖项', roles: ['government'], guards: ['revocationProposed'], decision: { kind: 'revocation_decision', outcomes: ['revoke'] }, effects: ['markWinnerRevoked', 'notifyApplicant'], article: '第二十八条、第二十九条' }),
  );

  // Art. 25: an applicant that broke the rules leaves the procedure at any step before publication.
  const inProcedure: ApplicationState[] = ['accepted', 'qualification_review', 'qualified', ...stageStates, 'technical_reviewed', 'satisfaction_survey', 'candidate', 'proposed', 'leadership_approved', 'public_notice', 'government_approved'];
  for (const from of inProcedure) {
    transitions.push(t({ from, to: 'excluded', action: 'exclude', label: '违规取消参评资格', roles: ['leadership'], guards: ['misconductSubstantiated'], decision: { kind: 'misconduct_ruling', outcomes: ['exclude'] }, effects: ['notifyApplicant'], article: '第二十五条' }));
  }

  const FIXED_BEFORE: ApplicationState[] = ['draft', 'submitted', 'recommended', 'not_recommended', 'returned', 'rejected', 'accepted', 'qualification_review', 'qualified', 'disqualified'];
  const FIXED_AFTER: ApplicationState[] = ['not_advanced', 'technical_reviewed', 'satisfaction_survey', 'candidate', 'proposed', 'leadership_approved', 'not_selected', 'public_notice', 'government_approved', 'awarded', 'nominated', 'not_awarded', 'withdrawn', 'revoked', 'excluded'];
  const states = [...FIXED_BEFORE, ...stageStates, ...FIXED_AFTER];

  for (const from of WITHDRAWABLE_STATES) {
    if (!states.includes(from)) continue;
    transitions.push(t({ from, to: 'withdrawn', action: 'withdraw', label: '撤回申报', roles: A, reasonRequired: true, article: '第十四条（自愿申报）' }));
  }

  const table: LifecycleTable = {
    profileCode: profile.code,
    technicalStages: [...stages],
    initial: 'draft',
    states,
    finalStates: FINAL_STATES.filter((s) => states.includes(s)),
    transitions,
  };
  validateLifecycle(table);
  return table;
}
