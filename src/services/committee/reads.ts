import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { SessionView } from '../../contract/committee.js';
import { sessionResult } from '../../contract/committee.js';
import type { DbOrTx } from '../../db/connection.js';
import { applications, ballotCasts, committeeMembers, committeeRecusals, committees, committeeSessions, users } from '../../db/schema/index.js';
import { COMMITTEE_POSITION_LABELS, type CommitteePosition } from '../../domain/committee/ballot.js';
import type { ServiceContext, TxContext } from '../context.js';
import { requireRole } from '../require-role.js';

/** Shared reads and checks of the committee's services. */

export function requireOffice(ctx: ServiceContext | TxContext): void {
  requireRole(ctx, 'office', '只有强市办可以管理评审委员会和全体会议');
}

export function requireCommitteeRole(ctx: ServiceContext | TxContext): string {
  return requireRole(ctx, 'committee', '只有评审委员会委员可以进行此操作');
}

export type SessionRow = typeof committeeSessions.$inferSelect;

export async function committeeRow(db: DbOrTx, editionId: string) {
  const [row] = await db.select().from(committees).where(eq(committees.editionId, editionId));
  return row ?? null;
}

export async function membersOf(db: DbOrTx, editionId: string) {
  const rows = await db
    .select({ userId: committeeMembers.userId, name: users.displayName, position: committeeMembers.position, addedAt: committeeMembers.addedAt })
    .from(committeeMembers)
    .innerJoin(users, eq(users.id, committeeMembers.userId))
    .where(eq(committeeMembers.editionId, editionId));
  const order = { chair: 0, vice_chair: 1, member: 2 } as const;
  return rows
    .map((r) => ({ userId: r.userId, name: r.name, position: r.position as CommitteePosition, positionLabel: COMMITTEE_POSITION_LABELS[r.position as CommitteePosition], addedAt: r.addedAt }))
    .sort((a, b) => order[a.position] - order[b.position] || a.addedAt.getTime() - b.addedAt.getTime())
    .map(({ addedAt: _, ...m }) => m);
}

export async function recusalsOf(db: DbOrTx, editionId: string, userId?: string) {
  const rows = await db
    .select({ r: committeeRecusals, memberName: users.displayName, applicationName: applications.name })
    .from(committeeRecusals)
    .innerJoin(users, eq(users.id, committeeRecusals.userId))
    .innerJoin(applications, eq(applications.id, committeeRecusals.applicationId))
    .where(and(eq(committeeRecusals.editionId, editionId), userId ? eq(committeeRecusals.userId, userId) : undefined))
    .orderBy(asc(committeeRecusals.declaredAt));
  return rows.map(({ r, memberName, applicationName }) => ({ userId: r.userId, memberName, applicationId: r.applicationId, applicationName, reason: r.reason, declaredAt: r.declaredAt.toISOString() }));
}

/** The applications on the ballot: every candidate of the edition (state 'candidate'). */
export async function candidatesOf(db: DbOrTx, editionId: string) {
  const rows = await db
    .select({ applicationId: applications.id, name: applications.name, kind: applications.kind })
    .from(applications)
    .where(and(eq(applications.editionId, editionId), eq(applications.state, 'candidate')))
    .orderBy(asc(applications.kind), asc(applications.name));
  return rows.map((r) => ({ ...r, kind: r.kind as 'unit' | 'individual' }));
}

export async function openSessionOf(db: DbOrTx, editionId: string): Promise<SessionRow | null> {
  const [row] = await db.select().from(committeeSessions).where(and(eq(committeeSessions.editionId, editionId), sql`${committeeSessions.closedAt} IS NULL`));
  return row ?? null;
}

/** Who has cast a sheet in a session (distinct voters; the casts never say what). */
export async function votersOf(db: DbOrTx, sessionIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!sessionIds.length) return out;
  const rows = await db.selectDistinct({ sessionId: ballotCasts.sessionId, userId: ballotCasts.userId }).from(ballotCasts).where(inArray(ballotCasts.sessionId, sessionIds));
  for (const r of rows) out.set(r.sessionId, [...(out.get(r.sessionId) ?? []), r.userId]);
  return out;
}

export function toSessionView(row: SessionRow, voters: string[]): SessionView {
  return {
    id: row.id,
    heldOn: row.heldOn,
    presentUserIds: row.presentUserIds,
    candidateCount: row.applicationIds.length,
    openedAt: row.openedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    votedUserIds: voters,
    result: row.result ? sessionResult.parse(row.result) : null,
  };
}
