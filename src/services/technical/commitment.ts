import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Commitment, ExpertWork } from '../../contract/technical.js';
import { applications, editions, expertCommitments, expertDisqualifications, panelAssignments, scorebooks } from '../../db/schema/index.js';
import { COMMITMENT_ARTICLE, commitmentText } from '../../domain/experts/commitment.js';
import { STAGE_LABELS, STAGE_STATES } from '../../domain/lifecycle/states.js';
import type { TechnicalStage } from '../../domain/profile/schema.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { notFound } from '../errors.js';
import { loadEdition, requireExpert, type ExpertRow } from './actors.js';

/** Art. 24: the commitment an expert accepts per edition before seeing anything of it. */

async function editionOfPanels(ctx: ServiceContext, expert: ExpertRow, editionId: string) {
  const [panel] = await ctx.db.select({ id: panelAssignments.id }).from(panelAssignments).where(and(eq(panelAssignments.expertId, expert.id), eq(panelAssignments.editionId, editionId))).limit(1);
  // An expert learns of an edition only by being put on one of its panels.
  if (!panel) throw notFound('届次');
  return loadEdition(ctx.db, editionId);
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

export async function getCommitment(ctx: ServiceContext, editionId: string): Promise<Commitment> {
  const expert = await requireExpert(ctx);
  const { edition, profile } = await editionOfPanels(ctx, expert, editionId);
  const [accepted] = await ctx.db.select().from(expertCommitments).where(and(eq(expertCommitments.editionId, editionId), eq(expertCommitments.expertId, expert.id)));
  return { editionId, editionName: edition.name, text: commitmentText(profile.awardName, edition.name), article: COMMITMENT_ARTICLE, acceptedAt: accepted?.acceptedAt.toISOString() ?? null };
}

export async function acceptCommitment(ctx: ServiceContext, editionId: string): Promise<Commitment> {
  const expert = await requireExpert(ctx);
  const { edition, profile } = await editionOfPanels(ctx, expert, editionId);
  const text = commitmentText(profile.awardName, edition.name);
  await inTransaction(ctx, async (tctx) => {
    const inserted = await tctx.tx.insert(expertCommitments).values({ editionId, expertId: expert.id, textDigest: digest(text), acceptedAt: tctx.now() }).onConflictDoNothing().returning();
    if (inserted.length) await recordAudit(tctx, { action: 'expert.commitment', entityType: 'expert', entityId: expert.id, after: { editionId, textDigest: inserted[0].textDigest } });
  });
  return getCommitment(ctx, editionId);
}

/** The expert's work: per edition the commitment and, once accepted (and only then), the panels with their state. */
export async function expertWork(ctx: ServiceContext): Promise<ExpertWork> {
  const expert = await requireExpert(ctx);
  const rows = await ctx.db
    .select({ panel: panelAssignments, edition: editions.name, app: { id: applications.id, name: applications.name, kind: applications.kind, state: applications.state } })
    .from(panelAssignments)
    .innerJoin(editions, eq(editions.id, panelAssignments.editionId))
    .innerJoin(applications, eq(applications.id, panelAssignments.applicationId))
    .where(eq(panelAssignments.expertId, expert.id))
    .orderBy(asc(editions.number), asc(applications.name));
  const committed = new Set((await ctx.db.select({ editionId: expertCommitments.editionId }).from(expertCommitments).where(eq(expertCommitments.expertId, expert.id))).map((r) => r.editionId));
  const books = await ctx.db.select({ applicationId: scorebooks.applicationId, stage: scorebooks.stage, kind: scorebooks.kind, status: scorebooks.status }).from(scorebooks).where(eq(scorebooks.expertId, expert.id));
  const book = (applicationId: string, stage: string, kind: string) => books.find((b) => b.applicationId === applicationId && b.stage === stage && b.kind === kind)?.status ?? null;

  // An edition the expert was disqualified for (Art. 26) is no longer their work.
  const barred = new Set((await ctx.db.select({ editionId: expertDisqualifications.editionId }).from(expertDisqualifications).where(eq(expertDisqualifications.expertId, expert.id))).map((r) => r.editionId));

  const byEdition = new Map<string, ExpertWork['editions'][number]>();
  for (const r of rows) {
    if (barred.has(r.panel.editionId)) continue;
    let entry = byEdition.get(r.panel.editionId);
    if (!entry) byEdition.set(r.panel.editionId, (entry = { editionId: r.panel.editionId, editionName: r.edition, committed: committed.has(r.panel.editionId), panels: 0, tasks: [] }));
    entry.panels++;
    if (!entry.committed) continue;
    const stage = r.panel.stage as TechnicalStage;
    entry.tasks.push({
      applicationId: r.app.id,
      applicationName: r.app.name,
      kind: r.app.kind,
      stage,
      stageLabel: STAGE_LABELS[stage],
      isLeader: r.panel.isLeader,
      scorebook: book(r.app.id, stage, 'independent'),
      consensus: r.panel.isLeader ? book(r.app.id, stage, 'consensus') : null,
      open: r.app.state === STAGE_STATES[stage],
    });
  }
  return { expertName: expert.name, editions: [...byEdition.values()] };
}
