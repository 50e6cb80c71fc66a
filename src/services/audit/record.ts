import { desc, eq, sql } from 'drizzle-orm';
import { auditHead, auditLog } from '../../db/schema/index.js';
import type { TxContext } from '../context.js';
import type { AuditAction } from './actions.js';
import { auditHash, GENESIS_HASH, type ChainedFields } from './chain.js';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** An entry with who and when, taken at the moment the change was made. */
export interface PendingAudit extends AuditEntry {
  at: Date;
  actorId: string | null;
  requestId: string;
}

/** Any constant shared by all writers: the advisory lock that serialises the chain. */
const AUDIT_CHAIN_LOCK = 726354002;

/** Plain JSON (dates as ISO strings) so what we hash is exactly what jsonb gives back. */
const toJson = (value: unknown) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/**
 * Records one audit entry in the caller's transaction. Inside inTransaction() the entry is
 * queued and written when the work is done, just before commit (flushAudit): the chain's
 * lock is then held only for the appends and the commit, not for the whole use case, so
 * concurrent requests do not queue behind each other's business logic. Either way the
 * records commit or roll back with the change.
 */
export async function recordAudit(ctx: TxContext, entry: AuditEntry): Promise<void> {
  const pending: PendingAudit = { ...entry, at: new Date(ctx.now().getTime()), actorId: ctx.actor?.userId ?? null, requestId: ctx.requestId };
  if (ctx.pendingAudit) ctx.pendingAudit.push(pending);
  else await appendAudit(ctx, [pending]);
}

/** Writes the queued entries of a transaction (called by inTransaction before it commits); returns the new head, if any. */
export async function flushAudit(ctx: TxContext): Promise<{ seq: number; hash: string } | null> {
  if (!ctx.pendingAudit?.length) return null;
  const entries = ctx.pendingAudit.splice(0);
  return appendAudit(ctx, entries);
}

/**
 * The chain's end, locked until commit, so records are chained in commit order and two
 * writers never share a predecessor. Normally the head row is locked and read in one
 * statement: FOR UPDATE waits for the appender holding it, then returns what that appender
 * committed. (Every round trip made while the chain is locked is a wait for every other
 * audited request; on PostgreSQL each costs a turn of a busy event loop.) Before the first
 * record there is no head row to lock: the first appenders queue on an advisory lock and
 * look again under it, since a head may have been committed meanwhile.
 */
async function lockChainEnd(tx: TxContext['tx']): Promise<{ seq: number; hash: string } | undefined> {
  const lockHead = () => tx.select({ seq: auditHead.seq, hash: auditHead.hash }).from(auditHead).where(eq(auditHead.id, 1)).for('update');
  const [head] = await lockHead();
  if (head) return head;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [appeared] = await lockHead();
  if (appeared) return appeared;
  // A chain written before the head existed (migration 0004) ends at its last record.
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return last;
}

/** Appends records after the chain's end (lockChainEnd) and moves the head to the last of them. */
async function appendAudit(ctx: TxContext, entries: PendingAudit[]): Promise<{ seq: number; hash: string }> {
  const last = await lockChainEnd(ctx.tx);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows: Array<ChainedFields & { hash: string }> = [];
  for (const e of entries) {
    const record: ChainedFields = {
      seq: ++seq,
      at: e.at,
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: toJson(e.before),
      after: toJson(e.after),
      requestId: e.requestId,
      prevHash,
    };
    prevHash = auditHash(record);
    rows.push({ ...record, hash: prevHash });
  }
  // One statement (one round trip while the chain is locked): the records, and the head moved to the last.
  const appendRecords = ctx.tx.insert(auditLog).values(rows);
  const moveHead = ctx.tx
    .insert(auditHead)
    .values({ id: 1, seq, hash: prevHash })
    .onConflictDoUpdate({ target: auditHead.id, set: { seq, hash: prevHash } });
  await ctx.tx.execute(sql`WITH appended AS (${appendRecords.getSQL()}) ${moveHead.getSQL()}`);
  return { seq, hash: prevHash };
}
