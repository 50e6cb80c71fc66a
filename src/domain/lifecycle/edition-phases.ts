import { endOfShanghaiDay } from '../calendar/dates.js';
import { allow, refuse, requireRole, type Decision } from '../policies/decision.js';
import type { Actor } from '../roles.js';
import { EDITION_PHASES, type EditionPhase } from './states.js';

/**
 * The edition's own lifecycle (SPEC §4): the phases in order, each with the Measures' article,
 * and one step, the office moving the edition to the next phase once the current one is
 * settled. The applications' table says which phase each state belongs to (STATE_META), so
 * "settled" is read from the same one table.
 */
export const PHASE_META: Record<EditionPhase, { label: string; article: string }> = {
  call: { label: '申报通知', article: '第十三条' },
  intake: { label: '申报与推荐', article: '第十四条' },
  qualification: { label: '资格审查', article: '第十五条' },
  technical_review: { label: '技术评审', article: '第十五条' },
  survey: { label: '社会满意度测评', article: '第十六条' },
  committee: { label: '评审委员会审议', article: '第九条、第十六条' },
  leadership: { label: '领导小组审定', article: '第十六条' },
  notice: { label: '社会公示', article: '第十七条' },
  government: { label: '市政府审定', article: '第十八条' },
  published: { label: '公布结果', article: '第十八条' },
  closed: { label: '本届结束', article: '第二条' },
};

export interface PhaseFacts {
  phase: EditionPhase;
  now: Date;
  /** The edition's application deadline (Asia/Shanghai), null before a schedule is set. */
  applicationDeadline: string | null;
  /** Applications still open in this phase or an earlier one (drafts never submitted do not count). */
  unsettled: number;
}

export function nextPhase(phase: EditionPhase): EditionPhase | null {
  const i = EDITION_PHASES.indexOf(phase);
  return i < EDITION_PHASES.length - 1 ? EDITION_PHASES[i + 1] : null;
}

/** May the actor move the edition on to its next phase now, and if not, why. */
export function decidePhaseAdvance(actor: Actor | null, facts: PhaseFacts): Decision {
  const role = requireRole(actor, 'office');
  if (!role.ok) return role;
  const next = nextPhase(facts.phase);
  if (!next) return refuse('wrong_stage', '本届已结束');
  if (facts.phase === 'call') return refuse('wrong_stage', '发布申报通知后即进入申报阶段');
  if (facts.phase === 'intake' && (facts.applicationDeadline === null || facts.now <= endOfShanghaiDay(facts.applicationDeadline))) {
    return refuse('wrong_stage', facts.applicationDeadline ? `申报截止（${facts.applicationDeadline} 24:00）前不能结束申报阶段` : '尚未设置申报截止日期');
  }
  if (facts.unsettled > 0) return refuse('wrong_stage', `尚有 ${facts.unsettled} 件申报未完成“${PHASE_META[facts.phase].label}”阶段，不能进入“${PHASE_META[next].label}”`);
  return allow;
}
