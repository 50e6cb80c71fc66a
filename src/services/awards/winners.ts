import { eq } from 'drizzle-orm';
import { winners } from '../../db/schema/index.js';
import type { ApplicationRow } from '../applications/access.js';
import type { RuleProfile } from '../../domain/profile/schema.js';
import { recordAudit } from '../audit/record.js';
import type { TxContext } from '../context.js';
import { issueCertificate } from './certificates.js';

export type WinnerRow = typeof winners.$inferSelect;

/**
 * Records a published winner (Art. 18–19) in the step that publishes it: the row that bars a
 * new application (Art. 6), that the public winners page lists and that certificates, items
 * and prize money hang on. Idempotent per application.
 */
export async function recordWinner(tctx: TxContext, app: ApplicationRow, profile: RuleProfile, category: 'award' | 'nomination'): Promise<WinnerRow> {
  const [existing] = await tctx.tx.select().from(winners).where(eq(winners.applicationId, app.id));
  if (existing) return existing;
  const prizeType = profile.prizeTypes.find((t) => t.category === category)?.code ?? null;
  const [winner] = await tctx.tx
    .insert(winners)
    .values({ applicationId: app.id, editionId: app.editionId, identityCode: app.identityCode, name: app.name, kind: app.kind, category, prizeType })
    .returning();
  await recordAudit(tctx, { action: 'winner.record', entityType: 'application', entityId: app.id, after: { winner: winner.id, category, prizeType } });
  // The certificate's number is fixed in the same step (Art. 19, 27): no winner without one.
  await issueCertificate(tctx, winner);
  return winner;
}
