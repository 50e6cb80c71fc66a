import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { freshReadShared } from '../../db/fresh-read.js';
import { auditHead, auditPending } from '../../db/schema/index.js';
import type { TxContext } from '../context.js';
import type { AuditAction } from './actions.js';
import { hashedTextParts } from './chain.js';
import type { AuditHeadMark } from './witness.js';

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

/** Plain JSON (dates as ISO strings) so what we hash is exactly what jsonb gives back. */
const toJson = (value: unknown) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/**
 * Records one audit entry in the caller's transaction. Inside inTransaction() the entry is
 * queued and written when the work is done (flushAudit); either way it is written to
 * audit_pending, and the database chains it at COMMIT (migration 0012): the chain's end is
 * locked only while the database commits, never across a round trip to this process — on
 * PostgreSQL each such round trip waited for a busy event loop while every other audited
 * request queued behind it. The records commit or roll back with the change.
 */
export async function recordAudit(ctx: TxContext, entry: AuditEntry): Promise<void> {
  const pending: PendingAudit = { ...entry, at: new Date(ctx.now().getTime()), actorId: ctx.actor?.userId ?? null, requestId: ctx.requestId };
  if (ctx.pendingAudit) ctx.pendingAudit.push(pending);
  else await writePending(ctx, [pending]);
}

/** Writes the queued entries of a transaction (called by inTransaction before it commits); true when there were any. */
export async function flushAudit(ctx: TxContext): Promise<boolean> {
  if (!ctx.pendingAudit?.length) return false;
  await writePending(ctx, ctx.pendingAudit.splice(0));
  return true;
}

/** One statement for all of a transaction's entries, each with its hashed text's parts (chain.ts). */
async function writePending(ctx: TxContext, entries: PendingAudit[]): Promise<void> {
  const rows = entries.map((e) => {
    const fields = { at: e.at, actorId: e.actorId, action: e.action, entityType: e.entityType, entityId: e.entityId, before: toJson(e.before), after: toJson(e.after), requestId: e.requestId };
    const parts = hashedTextParts(fields);
    return { ...fields, hashHead: parts.head, hashMid: parts.mid, hashTail: parts.tail };
  });
  await ctx.tx.insert(auditPending).values(rows);
}

/** Per database handle: callers that committed share the next read of the head (db/fresh-read.ts). */
const headReaders = new WeakMap<Db, () => Promise<AuditHeadMark | undefined>>();

/**
 * The chain's head as committed now, for the witness (witness.ts) after an audited commit:
 * at or past that commit's own records. Concurrent callers share one read, never one sent
 * before they asked.
 */
export function committedAuditHead(db: Db): Promise<AuditHeadMark | undefined> {
  let read = headReaders.get(db);
  if (!read) {
    read = freshReadShared(async () => (await db.select({ seq: auditHead.seq, hash: auditHead.hash }).from(auditHead).where(eq(auditHead.id, 1)))[0]);
    headReaders.set(db, read);
  }
  return read();
}
