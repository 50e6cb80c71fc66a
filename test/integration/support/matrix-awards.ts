import { eq } from 'drizzle-orm';
import { applications, awardItems, panelAssignments } from '../../../src/db/schema/index.js';
import type { ApplicationState } from '../../../src/domain/lifecycle/states.js';
import { certificateFor } from '../../../src/services/awards/certificates.js';
import { recordWinner } from '../../../src/services/awards/winners.js';
import { inTransaction } from '../../../src/services/context.js';
import { loadEdition } from '../../../src/services/technical/actors.js';
import type { TestApp } from './app.js';

/**
 * The awards' rows of the authorization matrix (certificates, items, prize money, feedback).
 * Each request makes its own winner: an application of the matrix's unit applicant in
 * 'government_approved', recorded as publication's effect records it.
 */
type Outcome = 'ok' | 'unauth' | 'forbidden' | 'hidden' | 'refused';
type Only = (callers: never[], outcome: Outcome, otherwise: Outcome, anonymous?: Outcome) => unknown;
type Rule = (otherwise: Outcome, named: Record<string, Outcome>, anonymous?: Outcome) => unknown;

interface Fx {
  t: TestApp;
  editionId: string;
  serial(): number;
  app(values: { state: ApplicationState }): Promise<string>;
  edition(values: { status: string; schedule?: boolean }): Promise<string>;
  technical: { expertId: string };
}

async function winnerOf(fx: Fx): Promise<{ winnerId: string; applicationId: string; serial: string }> {
  const applicationId = await fx.app({ state: 'government_approved' });
  const db = fx.t.database.db;
  const [row] = await db.select().from(applications).where(eq(applications.id, applicationId));
  const { profile } = await loadEdition(db, fx.editionId);
  const winner = await inTransaction(fx.t.systemCtx(), (tctx) => recordWinner(tctx, row, profile, 'award'));
  return { winnerId: winner.id, applicationId, serial: (await certificateFor(db, winner.id))!.serial };
}

export function awardsMatrix(only: Only, rule: Rule) {
  const office = only(['office'] as never[], 'ok', 'forbidden');
  const readers = only(['office', 'leadership', 'government'] as never[], 'ok', 'forbidden');
  // The winner's own (the matrix's unit applicant) and the readers; anyone else does not learn it exists.
  const winnerOrReaders = rule('hidden', { office: 'ok', leadership: 'ok', government: 'ok', applicant_unit: 'ok' });
  const w = async (fx: Fx, suffix: string, body?: unknown) => ({ url: `/api/winners/${(await winnerOf(fx)).winnerId}${suffix}`, body });
  return {
    'GET /api/public/certificates/:serial/verify': { expect: rule('ok', {}, 'ok'), request: async (fx: Fx) => ({ url: `/api/public/certificates/${(await winnerOf(fx)).serial}/verify` }) },
    'GET /api/editions/:id/awards': { expect: readers, request: async (fx: Fx) => ({ url: `/api/editions/${fx.editionId}/awards` }) },
    'GET /api/my/awards': { expect: rule('ok', {}), request: async () => ({ url: '/api/my/awards' }) },
    'GET /api/winners/:id/certificate.pdf': { expect: winnerOrReaders, request: (fx: Fx) => w(fx, '/certificate.pdf') },
    'POST /api/winners/:id/items': { expect: office, request: (fx: Fx) => w(fx, '/items', { kind: 'trophy', issuedOn: '2026-12-01', receivedBy: '矩阵领奖人' }) },
    'POST /api/winners/:id/items/:kind/recovery': {
      expect: office,
      request: async (fx: Fx) => {
        const { winnerId } = await winnerOf(fx);
        const [recordedBy] = await fx.t.database.db.select({ id: applications.applicantUserId }).from(applications).limit(1);
        await fx.t.database.db.insert(awardItems).values({ winnerId, kind: 'trophy', issuedOn: '2026-12-01', receivedBy: '矩阵领奖人', recordedBy: recordedBy.id });
        return { url: `/api/winners/${winnerId}/items/trophy/recovery`, body: { recoveredOn: '2027-01-01' } };
      },
    },
    'POST /api/winners/:id/payments': { expect: office, request: (fx: Fx) => w(fx, '/payments', { amountFen: 100, paidOn: '2026-12-01', reference: '矩阵拨付' }) },
    // Only the winner itself reports; the readers learn it exists but may not speak for it.
    'POST /api/winners/:id/usage-reports': {
      expect: rule('hidden', { office: 'forbidden', leadership: 'forbidden', government: 'forbidden', applicant_unit: 'ok' }),
      request: (fx: Fx) => w(fx, '/usage-reports', { lines: [{ purpose: 'training', amountFen: 100, description: '矩阵培训' }] }),
    },
    // Its own edition, so releasing does not open the fixture edition's reports to the applicant.
    'POST /api/editions/:id/feedback/release': { expect: office, request: async (fx: Fx) => ({ url: `/api/editions/${await fx.edition({ status: 'open' })}/feedback/release` }) },
    // Not released in the fixture edition: the office only; the applicant learns nothing yet.
    'GET /api/applications/:id/feedback.pdf': {
      expect: only(['office'] as never[], 'ok', 'hidden'),
      request: async (fx: Fx) => {
        const applicationId = await fx.app({ state: 'not_advanced' });
        await fx.t.database.db.insert(panelAssignments).values({ editionId: fx.editionId, stage: 'material', applicationId, expertId: fx.technical.expertId });
        return { url: `/api/applications/${applicationId}/feedback.pdf` };
      },
    },
  };
}
