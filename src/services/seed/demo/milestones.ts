import { throughQualified } from './intake.js';
import type { DemoRun } from './run.js';
import { throughMaterialReviewed, throughOnsiteReviewed, throughTechnicalReviewed } from './technical.js';
import { approveList, proposeCandidates, runCommittee, runSurveys } from './decision.js';
import { decideAndPublish, runNotice } from './publication.js';

/** Art. 16–19: the survey, the candidate list, the plenary, the leadership, the notice, the government, the winners. */
async function throughPublished(run: DemoRun): Promise<void> {
  await runSurveys(run);
  await proposeCandidates(run);
  await runCommittee(run);
  await approveList(run);
  await runNotice(run);
  await decideAndPublish(run);
}

/**
 * How far `demo load --through <milestone>` drives the demo edition. Each milestone takes the
 * edition one step further from where the previous one left it, through the services the
 * browser uses; a later issue appends the steps to `published`.
 */
export const DEMO_MILESTONES = [
  { name: 'qualified', label: '资格审查完成', run: throughQualified },
  { name: 'material_reviewed', label: '材料评审完成', run: throughMaterialReviewed },
  { name: 'onsite_reviewed', label: '现场评审完成', run: throughOnsiteReviewed },
  { name: 'technical_reviewed', label: '技术评审结果已报送', run: throughTechnicalReviewed },
  { name: 'published', label: '获奖名单已公布', run: throughPublished },
] as const satisfies ReadonlyArray<{ name: string; label: string; run: (run: DemoRun) => Promise<void> }>;

export type DemoMilestone = (typeof DEMO_MILESTONES)[number]['name'];
export const DEMO_MILESTONE_NAMES: readonly DemoMilestone[] = DEMO_MILESTONES.map((m) => m.name);

/** Whether the milestone lies past the technical review (the timeline then ends a week before today). */
export function isPublicationMilestone(name: DemoMilestone): boolean {
  return DEMO_MILESTONE_NAMES.indexOf(name) > DEMO_MILESTONE_NAMES.indexOf('technical_reviewed');
}

export function isDemoMilestone(name: string): name is DemoMilestone {
  return (DEMO_MILESTONE_NAMES as readonly string[]).includes(name);
}

/** Runs the milestones in order up to and including `through`. */
export async function driveDemo(run: DemoRun, through: DemoMilestone): Promise<void> {
  for (const milestone of DEMO_MILESTONES) {
    await milestone.run(run);
    run.log(`—— 已到达：${milestone.name}（${milestone.label}）`);
    if (milestone.name === through) return;
  }
}
