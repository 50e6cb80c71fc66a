import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/connection.js';
import { expertDisqualifications } from '../../db/schema/index.js';

/**
 * Experts disqualified for an edition (Art. 26). A disqualified expert no longer counts as a
 * member of the edition's panels: they cannot see or score its applications, their panel seat
 * no longer waits for a scorebook, and the solver does not pick them again.
 */

export async function disqualifiedExpertIds(db: DbOrTx, editionId: string): Promise<Set<string>> {
  const rows = await db.select({ expertId: expertDisqualifications.expertId }).from(expertDisqualifications).where(eq(expertDisqualifications.editionId, editionId));
  return new Set(rows.map((r) => r.expertId));
}

export async function isDisqualified(db: DbOrTx, editionId: string, expertId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: expertDisqualifications.id })
    .from(expertDisqualifications)
    .where(and(eq(expertDisqualifications.editionId, editionId), eq(expertDisqualifications.expertId, expertId)))
    .limit(1);
  return row !== undefined;
}

/** A condition for queries joining experts to an edition: the expert was not disqualified for it. */
export function notDisqualified(expertId: AnyPgColumn, editionId: AnyPgColumn): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM ${expertDisqualifications} WHERE ${expertDisqualifications.expertId} = ${expertId} AND ${expertDisqualifications.editionId} = ${editionId})`;
}
