import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import { supervisionCases } from '../../db/schema/index.js';

/** Art. 25: a report against this applicant was found substantiated and its case has not ended. */
export async function misconductSubstantiated(db: DbOrTx, applicationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: supervisionCases.id })
    .from(supervisionCases)
    .where(and(eq(supervisionCases.applicationId, applicationId), eq(supervisionCases.kind, 'applicant'), eq(supervisionCases.finding, 'substantiated'), ne(supervisionCases.status, 'closed')))
    .limit(1);
  return row !== undefined;
}
