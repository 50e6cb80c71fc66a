import { and, count, eq, inArray, ne } from 'drizzle-orm';
import type { Edition } from '../contract/editions.js';
import type { DbOrTx } from '../db/connection.js';
import { applications, editions } from '../db/schema/index.js';
import { decidePhaseAdvance, nextPhase, PHASE_META } from '../domain/lifecycle/edition-phases.js';
import { APPLICATION_STATES, EDITION_PHASES, FINAL_STATES, STATE_META, type EditionPhase } from '../domain/lifecycle/states.js';
import { decisionView } from '../domain/policies/decision.js';
import { recordAudit } from './audit/record.js';
import { handleOf, inTransaction, type ServiceContext, type TxContext } from './context.js';
import { notFound, ServiceError } from './errors.js';

type EditionRow = typeof editions.$inferSelect;

/** States of applications still open in `phase` or before it: they hold the edition in that phase. */
function unsettledStates(phase: EditionPhase) {
  const upTo = EDITION_PHASES.slice(0, EDITION_PHASES.indexOf(phase) + 1);
  return APPLICATION_STATES.filter((s) => s !== 'draft' && !(FINAL_STATES as readonly string[]).includes(s) && upTo.includes(STATE_META[s].phase));
}

async function unsettledCount(db: DbOrTx, row: EditionRow): Promise<number> {
  const states = unsettledStates(row.phase);
  if (states.length === 0) return 0;
  const [{ n }] = await db.select({ n: count() }).from(applications).where(and(eq(applications.editionId, row.id), inArray(applications.state, states)));
  return Number(n);
}

/** The edition's phase, the list of phases and the verdict on moving to the next one. */
export async function phaseView(ctx: ServiceContext | TxContext, row: EditionRow): Promise<Pick<Edition, 'phase' | 'phases' | 'nextPhase'>> {
  const next = nextPhase(row.phase);
  const decision = decisionView(
    decidePhaseAdvance(ctx.actor, { phase: row.phase, now: ctx.now(), applicationDeadline: row.schedule?.applicationDeadline ?? null, unsettled: row.phase === 'call' || !next ? 0 : await unsettledCount(handleOf(ctx), row) }),
  );
  return {
    phase: row.phase,
    phases: EDITION_PHASES.map((phase) => ({ phase, ...PHASE_META[phase] })),
    nextPhase: next ? { phase: next, label: PHASE_META[next].label, ...decision } : null,
  };
}

/**
 * The office moves the edition on to its next phase once the current one is settled
 * (`UPDATE … WHERE phase = $from`, so two clicks move it once). Moving into 'closed' closes it.
 */
export async function advanceEditionPhase(ctx: ServiceContext, id: string, load: (tctx: TxContext) => Promise<EditionRow>): Promise<EditionRow> {
  return inTransaction(ctx, async (tctx) => {
    const row = await load(tctx);
    const next = nextPhase(row.phase);
    const verdict = decidePhaseAdvance(ctx.actor, { phase: row.phase, now: ctx.now(), applicationDeadline: row.schedule?.applicationDeadline ?? null, unsettled: await unsettledCount(tctx.tx, row) });
    if (!verdict.ok) throw new ServiceError(verdict.reason, verdict.message);
    const [after] = await tctx.tx
      .update(editions)
      .set({ phase: next!, ...(next === 'closed' ? { status: 'closed', closedAt: ctx.now() } : {}) })
      .where(and(eq(editions.id, id), eq(editions.phase, row.phase), ne(editions.status, 'draft')))
      .returning();
    if (!after) throw notFound('届次');
    await recordAudit(tctx, { action: 'edition.phase', entityType: 'edition', entityId: id, before: { phase: row.phase }, after: { phase: next } });
    return after;
  });
}
