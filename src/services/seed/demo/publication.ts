import { asc, eq } from 'drizzle-orm';
import { editions, winners } from '../../../db/schema/index.js';
import { addDays } from '../../../domain/calendar/dates.js';
import type { ServiceContext } from '../../context.js';
import { certificateFor } from '../../awards/certificates.js';
import { recordDecision } from '../../applications/decisions.js';
import { compositeScores } from '../../decision/composite.js';
import { publishResults } from '../../decision/publish.js';
import { publishNotice } from '../../publication/notice.js';
import { fileObjection, listObjections, ruleObjection, type ObjectionPart } from '../../publication/objections.js';
import { editionProfile } from './intake.js';
import { actAs, type DemoRun } from './run.js';

/**
 * The decision's last steps (Art. 17–19): the office publishes the notice for the calendar's
 * working days; a member of the public objects to one candidate and the office, having looked
 * into it, dismisses the objection; after the period the government decides and the office
 * publishes the winners, whose certificates are issued with them.
 */
export async function runNotice(run: DemoRun): Promise<void> {
  const office = await actAs(run, 'office', run.timeline.date('notice'));
  const profile = await editionProfile(run);
  const notice = await publishNotice(office, run.editionId, {
    title: `${profile.awardName}拟获奖名单公示`,
    body: `根据《${profile.name}》（${profile.documentNumber}）第十七条，现将拟获奖名单予以公示，公示期 ${profile.noticeWorkingDays} 个工作日。公示期内，任何单位和个人对公示对象有异议的，可以实名向强市办提出，并提供必要的证明材料。`,
    contact: '临沂市质量强市工作领导小组办公室，电话 0539-8888888，地址：临沂市北城新区。',
    startsOn: run.timeline.date('notice'),
  });
  run.cursor = notice.endsOn;
  // The objection comes within the notice, however short the profile makes it.
  const objectedOn = notice.endsOn < run.timeline.date('objection') ? notice.endsOn : run.timeline.date('objection');
  const publicCtx: ServiceContext = { ...run.base, actor: null, requestId: 'demo-public', now: run.timeline.clockOn(objectedOn) };
  const target = notice.items[0];
  const fields: Record<string, string> = { applicationId: target.applicationId, name: '周明', phone: '13905390000', content: `反映${target.name}去年曾有一批产品抽检不合格，请核实。` };
  async function* parts(): AsyncIterable<ObjectionPart> {
    for (const [name, value] of Object.entries(fields)) yield { kind: 'field', name, value };
  }
  const receipt = await fileObjection(publicCtx, notice.id, '127.0.0.1', parts());
  const investigator = await actAs(run, 'office', addDays(objectedOn, 2));
  const [objection] = (await listObjections(investigator, run.editionId)).items;
  await ruleObjection(investigator, run.editionId, objection.id, { outcome: 'dismissed', reason: '经核查，所反映的抽检不合格批次已于整改后复检合格，且不属于第十条所列重大质量事故，异议不成立。' });
  run.log(`公示：${notice.startsOn} 至 ${notice.endsOn}（${notice.items.length} 项）；异议 ${receipt.reference} 经核查不成立`);
}

/** The government's decision the day after the notice ends, and the publication the same day. */
export async function decideAndPublish(run: DemoRun): Promise<void> {
  const day = addDays(run.cursor!, 2);
  const gov = await actAs(run, 'gov', day);
  const profile = await editionProfile(run);
  const noticed = (await compositeScores(run.base.db, run.editionId, profile)).filter((r) => r.state === 'public_notice');
  await recordDecision(gov, run.editionId, { kind: 'government_decision', documentNumber: '临政字〔2026〕18号', decidedOn: day, items: noticed.map((r) => ({ applicationId: r.applicationId, outcome: r.approvedCategory ?? 'none' })) });
  const office = await actAs(run, 'office', day);
  const published = await publishResults(office, run.editionId);
  run.log(`市政府审定并公布：市长质量奖 ${published.awarded} 项，提名奖 ${published.nominated} 项，证书已生成`);
}

export interface PublicationSummary {
  edition: string;
  winners: Array<{ name: string; kind: string; category: string; certificate: { serial: string; verifyPath: string } | null }>;
}

/** What `demo load --through published` prints: the edition and its winners with their certificates. */
export async function publicationSummary(ctx: ServiceContext): Promise<PublicationSummary | null> {
  const [edition] = await ctx.db.select().from(editions).orderBy(asc(editions.number)).limit(1);
  if (!edition) return null;
  const rows = await ctx.db.select().from(winners).where(eq(winners.editionId, edition.id)).orderBy(asc(winners.category), asc(winners.createdAt));
  return {
    edition: edition.name,
    winners: await Promise.all(rows.map(async (w) => ({ name: w.name, kind: w.kind, category: w.category, certificate: await certificateFor(ctx.db, w.id) }))),
  };
}
