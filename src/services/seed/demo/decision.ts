import { and, eq, inArray } from 'drizzle-orm';
import { applications, surveys } from '../../../db/schema/index.js';
import { RESPONDENT_GROUPS, decisionSettings, type RespondentGroup } from '../../../domain/profile/decision-settings.js';
import { APPLICANT_KINDS } from '../../../domain/profile/schema.js';
import { seededRandom } from '../../../domain/seeded-random.js';
import { recordDecision } from '../../applications/decisions.js';
import type { ServiceContext } from '../../context.js';
import { runPlenary } from '../../committee/plenary.js';
import { constituteCommittee, setMember } from '../../committee/committee.js';
import { compositeScores } from '../../decision/composite.js';
import { issueCodeList } from '../../survey/codes.js';
import { closeSurvey, openSurveys } from '../../survey/office.js';
import { submitAnswers } from '../../survey/respond.js';
import { DEMO_INDIVIDUALS, DEMO_UNITS } from './cast.js';
import { editionProfile } from './intake.js';
import { demoCandidateCount, demoCommitteeChoice, weightsLabel } from './plan.js';
import { actAs, DEMO_DAYS, ensureAccount, type DemoRun } from './run.js';

/**
 * The decision's first steps (Art. 16): the office opens a satisfaction survey per candidate and
 * hands out one-time codes; customers, employees and the public answer through them (each as a
 * person would, through the public service); the office closes the surveys and proposes the
 * candidate list from the composite scores, within the profile's limit.
 */

const RESPONSES: Record<RespondentGroup, number> = { customer: 36, employee: 30, public: 30 };
const quality = new Map<string, number>([...DEMO_UNITS.map((u) => [u.name, u.quality] as const), ...DEMO_INDIVIDUALS.map((p) => [p.name, p.quality] as const)]);

/** An answer on the 1..scale agreement scale around the candidate's quality, with some spread. */
function answerOf(random: () => number, q: number, scale: number): number {
  const centre = 1 + (scale - 1) * Math.min(1, 0.35 + q * 0.7);
  return Math.max(1, Math.min(scale, Math.round(centre + (random() - 0.5) * 2.2)));
}

export async function runSurveys(run: DemoRun): Promise<void> {
  const office = await actAs(run, 'office', run.timeline.date('survey'));
  const opensOn = run.timeline.date('survey');
  const closesOn = run.timeline.date('surveyClose');
  const { opened } = await openSurveys(office, run.editionId, { opensOn, closesOn });
  const profile = await editionProfile(run);
  const settings = decisionSettings(profile);
  const rows = await run.base.db
    .select({ surveyId: surveys.id, name: applications.name, questions: surveys.questions })
    .from(surveys)
    .innerJoin(applications, eq(applications.id, surveys.applicationId))
    .where(eq(surveys.editionId, run.editionId));
  const respondent: ServiceContext = { ...run.base, actor: null, requestId: 'demo-respondent', now: run.timeline.clockOn(run.timeline.date(DEMO_DAYS.survey + 3)) };
  let answered = 0;
  for (const [i, row] of rows.entries()) {
    const random = seededRandom(1_000 + i);
    for (const group of RESPONDENT_GROUPS) {
      const count = Math.max(RESPONSES[group], settings.survey.minResponsesPerGroup);
      const { codes } = await issueCodeList(office, run.editionId, row.surveyId, { group, count });
      const questions = row.questions[group] ?? [];
      for (const code of codes) {
        const answers = questions.map(() => answerOf(random, quality.get(row.name) ?? 0.6, settings.survey.scale));
        await submitAnswers(respondent, code, { answers });
        answered++;
      }
    }
  }
  const closer = await actAs(run, 'office', closesOn);
  for (const row of rows) await closeSurvey(closer, run.editionId, row.surveyId);
  run.log(`社会满意度测评：${opened} 个候选对象，${answered} 份答卷，均已结束并计分`);
}

/** The office proposes the best of each kind, as many as the places and the profile's limit allow; the rest are not listed. */
export async function proposeCandidates(run: DemoRun): Promise<void> {
  const office = await actAs(run, 'office', run.timeline.date('candidates'));
  const profile = await editionProfile(run);
  const rows = byRank((await compositeScores(run.base.db, run.editionId, profile)).filter((r) => r.state === 'satisfaction_survey' && r.composite !== null));
  const chosen = new Set(APPLICANT_KINDS.flatMap((kind) => rows.filter((r) => r.kind === kind).slice(0, demoCandidateCount(profile, kind)).map((r) => r.applicationId)));
  await recordDecision(office, run.editionId, {
    kind: 'candidate_list',
    decidedOn: run.timeline.date('candidates'),
    items: rows.map((r) => ({ applicationId: r.applicationId, outcome: chosen.has(r.applicationId) ? 'candidate' : 'not_selected', reason: chosen.has(r.applicationId) ? null : '综合得分未列入建议候选名单' })),
  });
  const listed = await run.base.db.select({ id: applications.id }).from(applications).where(and(eq(applications.editionId, run.editionId), inArray(applications.state, ['candidate'])));
  run.log(`建议候选名单：${listed.length} 项（综合得分 = ${weightsLabel(profile)}）`);
}

/** Best first: the rank with Art. 11's preference applied as the profile says, unranked last. */
function byRank<T extends { rank: number | null }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
}

/** Five members (chair, two vice-chairs, two members): an odd committee, constituted by the office (Art. 9). */
const MEMBERS = [
  { username: 'committee', position: 'chair' },
  { username: 'committee2', displayName: '评审委员 钱副主任', position: 'vice_chair' },
  { username: 'committee3', displayName: '评审委员 冯副主任', position: 'vice_chair' },
  { username: 'committee4', displayName: '评审委员 褚委员', position: 'member' },
  { username: 'committee5', displayName: '评审委员 卫委员', position: 'member' },
] as const;

/** The office constitutes the committee (accounts opened for the members); returns the office's context on the day. */
export async function conveneCommittee(run: DemoRun): Promise<ServiceContext> {
  const day = run.timeline.date('committee');
  for (const m of MEMBERS) if ('displayName' in m) await ensureAccount(run, { username: m.username, displayName: m.displayName, role: 'committee' });
  const office = await actAs(run, 'office', day);
  for (const m of MEMBERS) {
    const member = await actAs(run, m.username, day);
    await setMember(office, run.editionId, { userId: member.actor!.userId, position: m.position });
  }
  await constituteCommittee(office, run.editionId, { documentNumber: '临质强〔2026〕2号' });
  return office;
}

/** The committee's plenary: every member present, each votes by the composite ranking within the quotas. */
export async function runCommittee(run: DemoRun): Promise<void> {
  const day = run.timeline.date('committee');
  const office = await conveneCommittee(run);
  const profile = await editionProfile(run);
  const ranked = byRank((await compositeScores(run.base.db, run.editionId, profile)).filter((r) => r.state === 'candidate'));
  // By the composite ranking: the best of each kind for the award, the next for the nomination, to the quotas.
  const choice = new Map(APPLICANT_KINDS.flatMap((kind) => ranked.filter((r) => r.kind === kind).map((r, i) => [r.applicationId, demoCommitteeChoice(profile, kind, i + 1)] as const)));
  const members = await Promise.all(MEMBERS.map((m) => actAs(run, m.username, day)));
  const session = await runPlenary(office, run.editionId, { heldOn: day, documentNumber: '临质奖评〔2026〕1号', members, choose: (_member, applicationId) => choice.get(applicationId) ?? 'neither' });
  run.log(`评审委员会全体会议：${members.length} 名委员出席，${session.candidateCount} 个候选对象，形成建议拟获奖名单`);
}

/** The leadership approves the proposed list with the committee's categories (Art. 16). */
export async function approveList(run: DemoRun): Promise<void> {
  const day = run.timeline.date('leadership');
  const leader = await actAs(run, 'leader', day);
  const profile = await editionProfile(run);
  const proposed = (await compositeScores(run.base.db, run.editionId, profile)).filter((r) => r.state === 'proposed');
  await recordDecision(leader, run.editionId, { kind: 'leadership_approval', documentNumber: '临质强〔2026〕5号', decidedOn: day, items: proposed.map((r) => ({ applicationId: r.applicationId, outcome: 'approved', category: r.proposedCategory ?? 'nomination' })) });
  run.log(`领导小组审定：拟获奖名单 ${proposed.length} 项`);
}
