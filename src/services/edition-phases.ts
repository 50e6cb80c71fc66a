import { and, count, eq, inArray, ne } from 'drizzle-orm';
import type { Edition } from '../contract/editions.js';
import type { DbOrTx } from '../db/connection.js';
import { applications, editions, ruleProfiles } from '../db/schema/index.js';
import type { LifecycleTable } from '../domain/lifecycle/types.js';
import { lifecycleOf } from './applications/engine.js';
import { decidePhaseAdvance, nextPhase, PHASE_META } from '../domain/lifecycle/edition-phases.js';
import { APPLICATION_STATES, EDITION_PHASES, FINAL_STATES, STATE_META, type ApplicationState, type EditionPhase } from '../domain/lifecycle/states.js';
import { decisionView } from '../domain/policies/decision.js';
import { recordAudit } from './audit/record.js';
import { handleOf, inTransaction, type ServiceContext, type TxContext } from './context.js';
import { notFound, ServiceError } from './errors.js';

type EditionRow = typeof editions.$inferSelect;

/**
 * States of applications still open in `phase` or before it: they hold the edition in that phase.
 * A state whose every step (the exceptional exits aside) leads into a later phase is not open: it
 * waits for that phase (资格审查通过 waits for the technical review to start), so it does not hold the edition.
 * Withdrawal and exclusion for misconduct (Art. 25) can happen at any step, so they say nothing of it.
 */
const EXCEPTIONAL_EXITS: readonly string[] = ['withdraw', 'exclude'];

function unsettledStates(phase: EditionPhase, table: LifecycleTable) {
  const upTo = EDITION_PHASES.slice(0, EDITION_PHASES.indexOf(phase) + 1);
  const waitsForLater = (state: ApplicationState) => {
    const onward = table.transitions.filter((t) => t.from === state && !EXCEPTIONAL_EXITS.includes(t.action));
    return onward.length > 0 && onward.every((t) => !upTo.includes(STATE_META[t.to].phase));
  };
  return APPLICATION_STATES.filter((s) => s !== 'draft' && !(FINAL_STATES as readonly string[]).includes(s) && upTo.includes(STATE_META[s].phase) && !waitsForLater(s));
}

async function unsettledCount(db: DbOrTx, row: EditionRow): Promise<number> {
  const [profile] = await db.select({ rules: ruleProfiles.rules }).from(ruleProfiles).where(eq(ruleProfiles.id, row.profileId));
  const states = unsettledStates(row.phase, lifecycleOf(profile.rules));
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
