import type { PanelView } from '../../../contract/technical.js';
import { addDays, shanghaiToday, type IsoDate } from '../../../domain/calendar/dates.js';
import { STAGE_LABELS } from '../../../domain/lifecycle/states.js';
import type { RuleProfile, TechnicalStage } from '../../../domain/profile/schema.js';
import { minimumPanel } from '../../../domain/profile/technical-settings.js';
import { recordDecision } from '../../applications/decisions.js';
import { loadWorkingCalendar } from '../../calendar.js';
import type { ServiceContext } from '../../context.js';
import { advancePhase } from '../../editions.js';
import { acceptCommitment } from '../../technical/commitment.js';
import { setSchedule, startTechnicalReview } from '../../technical/edition.js';
import { solvePanels } from '../../technical/solve-panels.js';
import { createExpert, listExperts, openExpertAccount } from '../../technical/pool.js';
import { submitReport } from '../../technical/report.js';
import { stageResults } from '../../technical/results.js';
import { saveScorebook, submitScorebook } from '../../technical/scorebooks.js';
import { generatePassword } from '../bootstrap.js';
import { DEMO_INDIVIDUALS, DEMO_UNITS, demoExperts } from './cast.js';
import { editionProfile } from './intake.js';
import { actAs, type DemoDay, type DemoRun } from './run.js';
import { demoAdvanceCount } from './plan.js';
import { consensusOf, demoScorebook } from './scores.js';

/**
 * Milestones of the technical review (Art. 8, 15, 24): the agency builds its pool, starts the
 * review, has the solver fill each stage's panels, schedules the on-site reviews and defences
 * on working days; the experts accept the commitment and score; the agency advances the best of
 * each stage and, after the last, submits the technical results report.
 */

interface StagePlan {
  /** Panel size: the profile's minimum for the material review and the defence; an on-site team of three. */
  k: (profile: RuleProfile) => number;
  /** Applications a day; the material review has no schedule and runs over ten days. */
  perDay: number;
  location: string;
  agenda: string;
}

const PLANS: Record<TechnicalStage, StagePlan> = {
  material: { k: (p) => minimumPanel(p, 'material'), perDay: 3, location: '', agenda: '' },
  onsite: { k: (p) => Math.max(3, minimumPanel(p, 'onsite')), perDay: 2, location: '申报单位现场', agenda: '09:00 首次会议；09:30 现场查看与访谈；14:00 资料查阅；16:30 末次会议' },
  defence: { k: (p) => minimumPanel(p, 'defence'), perDay: 5, location: '市质量强市工作领导小组办公室第一会议室', agenda: '陈述 15 分钟，专家提问与答辩 15 分钟' },
};

/** The days of the timeline by a stage's place in the profile's order (the first is always the material review). */
const SLOTS: ReadonlyArray<{ planned: DemoDay; from: DemoDay }> = [
  { planned: 'material', from: 'material' },
  { planned: 'secondStagePlanned', from: 'secondStageFrom' },
  { planned: 'thirdStagePlanned', from: 'thirdStageFrom' },
];

const quality = new Map<string, number>([...DEMO_UNITS.map((u) => [u.name, u.quality] as const), ...DEMO_INDIVIDUALS.map((p) => [p.name, p.quality] as const)]);

/** The agency's pool, each expert with a login (an expert scores as themself). */
async function buildPool(run: DemoRun): Promise<void> {
  const agency = await actAs(run, 'agency', run.timeline.date('pool'));
  const year = Number(run.timeline.date('pool').slice(0, 4));
  for (const [i, spec] of demoExperts(year).entries()) {
    const { leniency: _leniency, ...input } = spec;
    const created = await createExpert(agency, { ...input, phone: `1386390${String(1000 + i).slice(-4)}`, email: `expert${i + 1}@demo.example`, available: true });
    const username = `expert${String(i + 1).padStart(2, '0')}`;
    const password = run.base.config.demoPassword ?? generatePassword();
    await openExpertAccount(agency, created.id, { username, password });
    run.credentials.push({ username, password, role: 'expert', generated: !run.base.config.demoPassword });
  }
  run.log(`专家库：${demoExperts(year).length} 名专家，均已开通账号`);
}

async function expertContexts(run: DemoRun, date: IsoDate): Promise<ExpertContexts> {
  const agency = await actAs(run, 'agency', date);
  const leniency = new Map(demoExperts(Number(date.slice(0, 4))).map((e) => [e.name, e.leniency]));
  const out = new Map<string, { ctx: ServiceContext; leniency: number }>();
  for (const e of (await listExperts(agency)).items) {
    if (e.username) out.set(e.id, { ctx: await actAs(run, e.username, date), leniency: leniency.get(e.name) ?? 0 });
  }
  return out;
}

/** The first `count` working days from `date` on (the State Council's calendar, make-up days included). */
async function workingDays(run: DemoRun, date: IsoDate, count: number): Promise<IsoDate[]> {
  const calendar = await loadWorkingCalendar(run.base.db);
  const days: IsoDate[] = [];
  for (let d = date; days.length < count; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) days.push(d);
  return days;
}

type ExpertContexts = Map<string, { ctx: ServiceContext; leniency: number }>;

async function scorePanel(run: DemoRun, profile: RuleProfile, stage: TechnicalStage, app: PanelView['applications'][number], date: IsoDate, experts: ExpertContexts): Promise<void> {
  const template = profile.scoringTemplates[app.kind];
  const books = [];
  for (const member of app.members) {
    const expert = experts.get(member.expertId)!;
    const ctx = { ...expert.ctx, now: run.timeline.clockOn(date) };
    const items = demoScorebook({ template, stage, applicationKey: app.name, expertKey: member.name, quality: quality.get(app.name) ?? 0.5, leniency: expert.leniency });
    await saveScorebook(ctx, app.applicationId, stage, 'independent', { items, revision: 0 });
    await submitScorebook(ctx, app.applicationId, stage, 'independent');
    books.push(items);
  }
  if (profile.aggregation !== 'leader_consensus') return;
  const leader = app.members.find((m) => m.isLeader)!;
  const ctx = { ...experts.get(leader.expertId)!.ctx, now: run.timeline.clockOn(date) };
  await saveScorebook(ctx, app.applicationId, stage, 'consensus', { items: consensusOf(books), revision: 0 });
  await submitScorebook(ctx, app.applicationId, stage, 'consensus');
}

/** A stage's panels as the solver filled them, their experts committed: scoring is open. */
export interface AssignedStage {
  stage: TechnicalStage;
  plannedOn: IsoDate;
  view: PanelView;
  experts: ExpertContexts;
}

/** The agency has the solver fill the stage's panels; each expert on one accepts the commitment. */
async function assignStage(run: DemoRun, profile: RuleProfile, stage: TechnicalStage): Promise<AssignedStage> {
  const slot = SLOTS[profile.technicalStages.indexOf(stage)];
  const k = PLANS[stage].k(profile);
  const plannedOn = later(run.timeline.date(slot.planned), run.cursor);
  const agency = await actAs(run, 'agency', plannedOn);
  const view = await solvePanels(agency, run.editionId, stage, k);
  const short = view.applications.filter((a) => a.shortfall);
  run.log(`${STAGE_LABELS[stage]}：${view.applications.length} 项申报分配评审组（每组 ${k} 人）${short.length ? `，${short.length} 组缺人` : ''}`);
  const members = new Set(view.applications.flatMap((a) => a.members.map((m) => m.expertId)));
  const experts = await expertContexts(run, plannedOn);
  for (const [id, expert] of experts) if (members.has(id)) await acceptCommitment(expert.ctx, run.editionId);
  return { stage, plannedOn, view, experts };
}

/** Assigns (unless `assigned` already did), schedules and scores one stage; returns the day after its last scoring. */
async function reviewStage(run: DemoRun, profile: RuleProfile, stage: TechnicalStage, assigned?: AssignedStage): Promise<IsoDate> {
  const plan = PLANS[stage];
  const slot = SLOTS[profile.technicalStages.indexOf(stage)];
  const { plannedOn, view, experts } = assigned?.stage === stage ? assigned : await assignStage(run, profile, stage);
  const agency = await actAs(run, 'agency', plannedOn);
  const days = await workingDays(run, later(run.timeline.date(slot.from), addDays(plannedOn, stage === 'material' ? 0 : 1)), Math.ceil(view.applications.length / plan.perDay));
  for (const [i, app] of view.applications.entries()) {
    const day = days[Math.floor(i / plan.perDay)];
    if (stage !== 'material') await setSchedule(agency, run.editionId, stage, app.applicationId, { scheduledOn: day, location: app.kind === 'unit' ? plan.location : '市质量强市工作领导小组办公室', agenda: plan.agenda });
    await scorePanel(run, profile, stage, app, day, experts);
  }
  return (run.cursor = addDays(days.at(-1)!, 1));
}

const later = (a: IsoDate, b: IsoDate | undefined): IsoDate => (b && b > a ? b : a);

/**
 * The agency's advancement decision: those the profile's rule advances go on (the results show
 * who), or, where the profile leaves the number open, the best of each kind as the plan says.
 */
async function decideAdvancement(run: DemoRun, profile: RuleProfile, stage: TechnicalStage, decidedOn: IsoDate): Promise<void> {
  const agency = await actAs(run, 'agency', decidedOn);
  const results = await stageResults(agency, run.editionId, stage);
  const items = results.sections.flatMap((section) => {
    const count = demoAdvanceCount(profile, stage, section.kind);
    const ranked = section.rows.filter((r) => r.complete && r.rank !== null);
    return ranked.map((r, i) => ({ applicationId: r.applicationId, outcome: (count === undefined ? r.advances === true : i < count) ? 'advance' : 'not_advance' }));
  });
  run.cursor = addDays(decidedOn, 1);
  await recordDecision(agency, run.editionId, { kind: 'advancement', decidedOn: shanghaiToday(agency.now()), note: `${STAGE_LABELS[stage]}晋级名单`, items });
  run.log(`${STAGE_LABELS[stage]}：${items.filter((i) => i.outcome === 'advance').length} 项晋级，${items.filter((i) => i.outcome === 'not_advance').length} 项未晋级`);
}

/**
 * Reviews, in the profile's order, every stage not yet reviewed up to and including `stage`
 * (all of them when undefined): under a profile with the defence before the on-site review,
 * "on-site reviewed" has the defence behind it too.
 */
async function throughStage(run: DemoRun, stage?: TechnicalStage, assigned?: AssignedStage): Promise<void> {
  const profile = await editionProfile(run);
  if (stage && !profile.technicalStages.includes(stage)) return;
  const upTo = stage ? profile.technicalStages.indexOf(stage) : profile.technicalStages.length - 1;
  run.stagesReviewed ??= [];
  for (const next of profile.technicalStages.slice(0, upTo + 1)) {
    if (run.stagesReviewed.includes(next)) continue;
    const after = await reviewStage(run, profile, next, assigned);
    run.stagesReviewed.push(next);
    // The last stage is closed by the report itself (submitReport records its decision).
    if (profile.technicalStages.at(-1) !== next) await decideAdvancement(run, profile, next, after);
  }
}

/**
 * From `qualified` to the material review open for scoring: the pool, the review started, the
 * panels filled and committed, no scorebook yet (the crash-recovery harness scores from here).
 */
export async function openMaterialReview(run: DemoRun): Promise<AssignedStage> {
  await buildPool(run);
  await startTechnicalReview(await actAs(run, 'agency', run.timeline.date('material')), run.editionId);
  // The edition's phase follows its applications: once none is left in qualification, the office moves it on.
  await advancePhase(await actAs(run, 'office', run.timeline.date('material')), run.editionId);
  return assignStage(run, await editionProfile(run), 'material');
}

export async function throughMaterialReviewed(run: DemoRun): Promise<void> {
  await throughStage(run, 'material', await openMaterialReview(run));
}

export async function throughOnsiteReviewed(run: DemoRun): Promise<void> {
  await throughStage(run, 'onsite');
}

export async function throughTechnicalReviewed(run: DemoRun): Promise<void> {
  await throughStage(run);
  const agency = await actAs(run, 'agency', later(run.timeline.date('report'), run.cursor));
  const { report } = await submitReport(agency, run.editionId);
  run.log(`技术评审结果报告已报送：${report.sections.map((s) => `${s.kind === 'unit' ? '单位' : '个人'} ${s.rows.length} 名`).join('，')}`);
}
