import { and, eq, isNull } from 'drizzle-orm';
import type { Scorebook, ScorebookPage } from '../../contract/technical-scoring.js';
import type { DbOrTx } from '../../db/connection.js';
import { experts, panelAssignments, scorebooks } from '../../db/schema/index.js';
import { STAGE_LABELS, STAGE_STATES } from '../../domain/lifecycle/states.js';
import type { RuleProfile, ScoringTemplate, TechnicalStage } from '../../domain/profile/schema.js';
import { technicalSettings } from '../../domain/profile/technical-settings.js';
import { aggregatePanel } from '../../domain/scoring/aggregate.js';
import { isComplete, itemsOf, scorebookItemsSchema, scorebookTotals, type ScorebookItems } from '../../domain/scoring/scorebook.js';
import { hasRole } from '../../domain/roles.js';
import type { ApplicationRow } from '../applications/access.js';
import { loadVisibleApplication } from '../applications/access.js';
import { recordAudit } from '../audit/record.js';
import { handleOf, inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { conflict, invalid, notFound, ServiceError } from '../errors.js';
import { notDisqualified } from '../supervision/disqualified.js';
import { loadEdition, requireExpert } from './actors.js';

/**
 * Scorebooks (SPEC §5): each panel expert scores alone, autosaved, and submits; a submitted
 * scorebook is locked. An expert sees the panel's scores only after submitting their own; the
 * group leader then forms the consensus from them. The agency sees everything.
 */

type BookRow = typeof scorebooks.$inferSelect;
type Kind = 'independent' | 'consensus';

function present(row: BookRow, name: string, template: ScoringTemplate): Scorebook {
  const totals = scorebookTotals(template, row.items as ScorebookItems);
  return {
    expertId: row.expertId,
    expertName: name,
    kind: row.kind,
    items: row.items as ScorebookItems,
    total: totals.total,
    byCategory: totals.byCategory,
    filled: totals.completeness.filled,
    of: totals.completeness.of,
    status: row.status,
    revision: row.revision,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    setAside: row.setAsideAt !== null,
  };
}

/** The panel's members; an expert disqualified for the edition (Art. 26) is no longer one: no scoring, no waiting for them. */
async function panelOf(db: DbOrTx, applicationId: string, stage: TechnicalStage) {
  return db
    .select({ expertId: panelAssignments.expertId, isLeader: panelAssignments.isLeader, name: experts.name })
    .from(panelAssignments)
    .innerJoin(experts, eq(experts.id, panelAssignments.expertId))
    .where(and(eq(panelAssignments.applicationId, applicationId), eq(panelAssignments.stage, stage), notDisqualified(panelAssignments.expertId, panelAssignments.editionId)));
}

async function booksOf(db: DbOrTx, applicationId: string, stage: TechnicalStage): Promise<BookRow[]> {
  return db.select().from(scorebooks).where(and(eq(scorebooks.applicationId, applicationId), eq(scorebooks.stage, stage)));
}

/** The application (visible to the caller, else 404) with its template and profile. */
async function context(ctx: ServiceContext | TxContext, applicationId: string, options: { forUpdate?: boolean } = {}) {
  const { row } = await loadVisibleApplication(ctx, applicationId, options);
  const { profile } = await loadEdition(handleOf(ctx), row.editionId);
  return { app: row, profile, template: profile.scoringTemplates[row.kind] };
}

function aggregateOf(profile: RuleProfile, template: ScoringTemplate, books: BookRow[]) {
  const settings = technicalSettings(profile);
  const submitted = books.filter((b) => b.kind === 'independent' && b.status === 'submitted' && b.setAsideAt === null);
  // A consensus formed by a leader later disqualified (Art. 26) is set aside with their scores.
  const consensus = books.find((b) => b.kind === 'consensus' && b.status === 'submitted' && b.setAsideAt === null);
  return aggregatePanel(
    template,
    submitted.map((b) => ({ expertId: b.expertId, items: b.items as ScorebookItems, total: b.total })),
    { method: profile.aggregation, thresholds: settings.disagreement, trim: settings.trimmedMeanDrop, consensus: consensus ? { items: consensus.items as ScorebookItems, total: consensus.total } : null },
  );
}

/**
 * What the previous stage concluded per item (its panel's mean, to the step of 5): on site and at
 * the defence experts confirm or adjust it with the evidence seen, rather than start from nothing.
 */
function baselineOf(aggregate: ReturnType<typeof aggregateOf>): Record<string, number> | null {
  if (aggregate.total.count === 0) return null;
  const out: Record<string, number> = {};
  for (const item of aggregate.items) {
    const percent = item.consensusPercent ?? item.mean;
    if (percent !== null) out[item.code] = Math.round(percent / 5) * 5;
  }
  return out;
}

export async function scorebookPage(ctx: ServiceContext, applicationId: string, stage: TechnicalStage): Promise<ScorebookPage> {
  const { app, profile, template } = await context(ctx, applicationId);
  const panel = await panelOf(ctx.db, app.id, stage);
  const agency = hasRole(ctx.actor, 'agency');
  const me = agency ? null : await requireExpert(ctx);
  const myPanel = me ? panel.find((p) => p.expertId === me.id) : null;
  if (!agency && !myPanel) throw notFound('评分表');
  const books = await booksOf(ctx.db, app.id, stage);
  const name = (id: string) => panel.find((p) => p.expertId === id)?.name ?? '（已回避）';
  const mine = me ? books.find((b) => b.expertId === me.id && b.kind === 'independent') : undefined;
  const seesPanel = agency || mine?.status === 'submitted';
  const consensus = books.find((b) => b.kind === 'consensus' && b.setAsideAt === null);
  const previous = profile.technicalStages[profile.technicalStages.indexOf(stage) - 1];
  return {
    applicationId: app.id,
    applicationName: app.name,
    kind: app.kind,
    stage,
    stageLabel: STAGE_LABELS[stage],
    template,
    open: app.state === STAGE_STATES[stage],
    isLeader: myPanel?.isLeader ?? false,
    mine: mine ? present(mine, name(mine.expertId), template) : null,
    panel: seesPanel ? books.filter((b) => b.kind === 'independent' && b.status === 'submitted').map((b) => present(b, name(b.expertId), template)) : [],
    panelHidden: !seesPanel,
    consensus: consensus && (seesPanel || consensus.status === 'submitted') ? present(consensus, name(consensus.expertId), template) : null,
    aggregate: seesPanel ? aggregateOf(profile, template, books) : null,
    baseline: previous ? baselineOf(aggregateOf(profile, template, await booksOf(ctx.db, app.id, previous))) : null,
    members: panel.map((p) => ({ expertId: p.expertId, name: p.name, isLeader: p.isLeader, status: books.find((b) => b.expertId === p.expertId && b.kind === 'independent' && b.setAsideAt === null)?.status ?? null })),
  };
}

/** The caller as a member of this panel at this stage, with scoring open; the leader alone for the consensus. */
async function writer(tctx: TxContext, app: ApplicationRow, stage: TechnicalStage, kind: Kind) {
  const me = await requireExpert(tctx);
  const panel = await panelOf(tctx.tx, app.id, stage);
  const member = panel.find((p) => p.expertId === me.id);
  if (!member) throw notFound('评分表');
  if (app.state !== STAGE_STATES[stage]) throw new ServiceError('wrong_stage', `${STAGE_LABELS[stage]}已结束，评分不能再修改`);
  if (kind === 'consensus') {
    if (!member.isLeader) throw new ServiceError('wrong_role', '只有评审组组长可以形成组内一致意见');
    const books = await booksOf(tctx.tx, app.id, stage);
    const submitted = new Set(books.filter((b) => b.kind === 'independent' && b.status === 'submitted' && b.setAsideAt === null).map((b) => b.expertId));
    const waiting = panel.filter((p) => !submitted.has(p.expertId));
    if (waiting.length) throw new ServiceError('scores_hidden', `组内一致意见须在全体成员提交独立评分后形成，尚未提交：${waiting.map((p) => p.name).join('、')}`);
  }
  return me;
}

function checkItems(template: ScoringTemplate, items: unknown): ScorebookItems {
  const parsed = scorebookItemsSchema(template).safeParse(items);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ field: ['items', ...i.path].join('.'), message: i.message })));
  return parsed.data as ScorebookItems;
}

/**
 * Autosaves a scorebook (independent or, for the leader, the consensus). A stale revision is
 * refused so two windows never overwrite each other silently; a submitted scorebook is locked.
 */
export async function saveScorebook(ctx: ServiceContext, applicationId: string, stage: TechnicalStage, kind: Kind, input: { items: unknown; revision: number }): Promise<ScorebookPage> {
  await inTransaction(ctx, async (tctx) => {
    const { app, template } = await context(tctx, applicationId, { forUpdate: true });
    const me = await writer(tctx, app, stage, kind);
    const items = checkItems(template, input.items);
    const total = scorebookTotals(template, items).total;
    const [existing] = await tctx.tx.select().from(scorebooks).where(and(eq(scorebooks.applicationId, app.id), eq(scorebooks.stage, stage), eq(scorebooks.expertId, me.id), eq(scorebooks.kind, kind)));
    if (!existing) {
      if (input.revision !== 0) throw conflict('revision_conflict', '评分表尚未保存过，请刷新后再改', [{ field: 'revision', message: '版本已过期，当前为第 0 版' }]);
      await tctx.tx.insert(scorebooks).values({ editionId: app.editionId, applicationId: app.id, stage, expertId: me.id, kind, items, total, updatedAt: tctx.now() });
      return;
    }
    if (existing.status === 'submitted') throw conflict('scorebook_locked', '评分表已提交，不能再修改');
    if (existing.revision !== input.revision) throw conflict('revision_conflict', `评分表已在其他窗口更新（当前为第 ${existing.revision} 版），请刷新后再改`, [{ field: 'revision', message: `版本已过期，当前为第 ${existing.revision} 版` }]);
    // The application's row lock already orders saves and submissions; the compare-and-set holds without it.
    const [saved] = await tctx.tx
      .update(scorebooks)
      .set({ items, total, revision: existing.revision + 1, updatedAt: tctx.now() })
      .where(and(eq(scorebooks.id, existing.id), eq(scorebooks.revision, existing.revision), eq(scorebooks.status, 'draft')))
      .returning({ id: scorebooks.id });
    if (!saved) throw conflict('revision_conflict', '评分表已在其他窗口更新或已提交，请刷新后再改');
  });
  return scorebookPage(ctx, applicationId, stage);
}

/** Submits a complete scorebook; from then on it is locked and counts. */
export async function submitScorebook(ctx: ServiceContext, applicationId: string, stage: TechnicalStage, kind: Kind): Promise<ScorebookPage> {
  await inTransaction(ctx, async (tctx) => {
    const { app, template } = await context(tctx, applicationId, { forUpdate: true });
    const me = await writer(tctx, app, stage, kind);
    const [book] = await tctx.tx.select().from(scorebooks).where(and(eq(scorebooks.applicationId, app.id), eq(scorebooks.stage, stage), eq(scorebooks.expertId, me.id), eq(scorebooks.kind, kind), isNull(scorebooks.setAsideAt)));
    if (!book) throw invalid([{ field: 'items', message: '请先评分' }]);
    if (book.status === 'submitted') throw conflict('scorebook_locked', '评分表已提交');
    const items = book.items as ScorebookItems;
    if (!isComplete(template, items)) {
      const missing = itemsOf(template).filter((i) => typeof items[i.code]?.percent !== 'number');
      throw invalid(missing.map((i) => ({ field: `items.${i.code}.percent`, message: `${i.code} ${i.name}尚未评分` })), `还有 ${missing.length} 个条款未评分`);
    }
    // One instant for both stamps: two clock reads can differ, and the scorebook would look edited after its submission.
    const now = tctx.now();
    const [locked] = await tctx.tx
      .update(scorebooks)
      .set({ status: 'submitted', submittedAt: now, updatedAt: now })
      .where(and(eq(scorebooks.id, book.id), eq(scorebooks.status, 'draft'), eq(scorebooks.revision, book.revision)))
      .returning({ id: scorebooks.id });
    // What is locked is exactly what was checked complete above, or nothing.
    if (!locked) throw conflict('scorebook_locked', '评分表已提交或已在其他窗口更新，请刷新后再试');
    await recordAudit(tctx, { action: kind === 'consensus' ? 'consensus.submit' : 'scorebook.submit', entityType: 'application', entityId: app.id, after: { stage, expertId: me.id, total: book.total } });
  });
  return scorebookPage(ctx, applicationId, stage);
}
