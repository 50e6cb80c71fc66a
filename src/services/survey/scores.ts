import { and, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { surveys } from '../../db/schema/index.js';

/** applicationId → its closed survey's score (0–100); an open survey has no score yet. */
export async function satisfactionScores(db: DbOrTx, editionId: string): Promise<Map<string, number | null>> {
  const rows = await db.select({ applicationId: surveys.applicationId, score: surveys.score }).from(surveys).where(and(eq(surveys.editionId, editionId), isNotNull(surveys.closedAt)));
  return new Map(rows.map((r) => [r.applicationId, r.score]));
}
