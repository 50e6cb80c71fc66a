import { APPLICATION_STATES, STAGE_STATES, STATE_META, type ApplicationState, type EditionPhase } from '../lifecycle/states.js';
import { hasRole, type Actor, type Role } from '../roles.js';
import { allow, refuse, requireRole, type Policy } from './decision.js';

/** What the policy needs to know about one application. */
export interface ApplicationFacts {
  state: ApplicationState;
  applicantUserId: string;
  countyId: string | null;
  /** Departments holding a qualification review task for it. */
  reviewingDepartmentIds: readonly string[];
  /** Before the end of the applicant's editing deadline (application deadline, or correction deadline once returned). */
  beforeEditingDeadline: boolean;
  /** Departments whose qualification task is still open. */
  pendingDepartmentIds: readonly string[];
  /** Failed department opinions the office has not overruled. */
  standingObjections: number;
  /** Users of the experts on one of its panels who accepted the edition's commitment (Art. 24). */
  panelExpertUserIds: readonly string[];
}

/** The states in which a panel expert reads an application: its technical review, nothing before or after. */
export const EXPERT_VISIBLE_STATES: readonly ApplicationState[] = Object.values(STAGE_STATES);

const EDITABLE: readonly ApplicationState[] = ['draft', 'returned'];
/** Once accepted, the office works on it; before that only the applicant and its county see it. */
const OFFICE_VISIBLE_FROM_SUBMISSION = (s: ApplicationState) => s !== 'draft';

const isApplicant = (actor: Actor | null, app: ApplicationFacts) => actor !== null && actor.userId === app.applicantUserId;
const isItsCounty = (actor: Actor | null, app: ApplicationFacts) =>
  hasRole(actor, 'county') && actor!.organisationId !== null && actor!.organisationId === app.countyId && app.state !== 'draft';
const isReviewingDepartment = (actor: Actor | null, app: ApplicationFacts) =>
  hasRole(actor, 'department') && actor!.organisationId !== null && app.reviewingDepartmentIds.includes(actor!.organisationId);

const isPanelExpert = (actor: Actor | null, app: ApplicationFacts) =>
  hasRole(actor, 'expert') && EXPERT_VISIBLE_STATES.includes(app.state) && app.panelExpertUserIds.includes(actor!.userId);

const statesInPhases = (...phases: EditionPhase[]) => APPLICATION_STATES.filter((s) => phases.includes(STATE_META[s].phase));
const DECIDING_PHASES: EditionPhase[] = ['committee', 'leadership', 'notice', 'government', 'published'];

/**
 * The city-wide bodies see the applications that have reached their part of the procedure:
 * the agency from qualification on (its experts' access per assignment comes with the
 * technical review), the committee, the leadership group and the government from the
 * candidate list on. One list, read by the function below and by the SQL of the lists.
 */
export const BODY_VISIBLE_STATES: Partial<Record<Role, readonly ApplicationState[]>> = {
  agency: ['qualified', ...statesInPhases('technical_review', 'survey', ...DECIDING_PHASES)],
  committee: statesInPhases(...DECIDING_PHASES),
  leadership: statesInPhases(...DECIDING_PHASES),
  government: statesInPhases(...DECIDING_PHASES),
};

const isBodyConcerned = (actor: Actor | null, app: ApplicationFacts) =>
  Object.entries(BODY_VISIBLE_STATES).some(([role, states]) => hasRole(actor, role as Role) && states!.includes(app.state));

/**
 * Who may see an application: its applicant; its county body once submitted; the office once
 * submitted; a department once it holds a review task; an expert on its panel, having accepted
 * the commitment, during the technical review; the city-wide bodies once it reached their part
 * of the procedure. Everyone else gets a 404.
 */
export function canViewApplication(actor: Actor | null, app: ApplicationFacts): boolean {
  return (
    isApplicant(actor, app) ||
    isItsCounty(actor, app) ||
    (hasRole(actor, 'office') && OFFICE_VISIBLE_FROM_SUBMISSION(app.state)) ||
    isReviewingDepartment(actor, app) ||
    isPanelExpert(actor, app) ||
    isBodyConcerned(actor, app)
  );
}

export const applicationPolicy: Policy<ApplicationFacts, 'view' | 'edit' | 'upload' | 'review' | 'overrule'> = {
  view: (actor, app) => (canViewApplication(actor, app) ? allow : refuse('not_owner', '无权查看该申报')),
  edit: (actor, app) => {
    if (!isApplicant(actor, app)) return refuse('not_owner', '只有申报人本人可以修改申报材料');
    if (!EDITABLE.includes(app.state)) return refuse('wrong_stage', '申报已提交，当前不可修改');
    return app.beforeEditingDeadline ? allow : refuse('deadline_passed', '已超过申报（补正）截止时间，申报材料只读');
  },
  upload: (actor, app) => {
    if (isApplicant(actor, app)) {
      if (!EDITABLE.includes(app.state)) return refuse('wrong_stage', '申报已提交，当前不可上传材料');
      return app.beforeEditingDeadline ? allow : refuse('deadline_passed', '已超过申报（补正）截止时间，不能再上传材料');
    }
    if (isReviewingDepartment(actor, app)) return app.state === 'qualification_review' ? allow : refuse('wrong_stage', '资格审查已结束');
    return refuse('not_owner', '无权上传材料');
  },
  review: (actor, app) => {
    if (!isReviewingDepartment(actor, app)) return refuse('not_assigned', '未分配给本部门审查');
    if (app.state !== 'qualification_review') return refuse('wrong_stage', '该申报不在资格审查阶段');
    return app.pendingDepartmentIds.includes(actor!.organisationId!) ? allow : refuse('already_decided', '本部门已出具资格审查意见');
  },
  overrule: (actor, app) => {
    if (!hasRole(actor, 'office')) return refuse('wrong_role', '只有强市办可以否决部门异议');
    if (app.state !== 'qualification_review') return refuse('wrong_stage', '该申报不在资格审查阶段');
    return app.standingObjections > 0 ? allow : refuse('no_objection', '没有需要否决的部门异议');
  },
};

/**
 * Whether the actor may take a lifecycle step as `role` on this application: the applicant
 * roles only on one's own application, a county only on its area's, a department only on
 * one it reviews; the city-wide bodies on any they can see.
 */
export function mayActAs(actor: Actor | null, role: Role, app: ApplicationFacts): boolean {
  if (!hasRole(actor, role)) return false;
  if (role === 'applicant_unit' || role === 'applicant_individual') return isApplicant(actor, app);
  if (role === 'county') return isItsCounty(actor, app);
  if (role === 'department') return isReviewingDepartment(actor, app);
  if (role === 'expert') return isPanelExpert(actor, app);
  return canViewApplication(actor, app);
}

/** Edition-wide lists and exports of applications are the office's. */
export const applicationListPolicy: Policy<null, 'export' | 'matrix'> = {
  export: (actor) => requireRole(actor, 'office'),
  matrix: (actor) => requireRole(actor, 'office'),
};
