import { decisionItems, decisions } from '../../../src/db/schema/index.js';
import type { ApplicationState } from '../../../src/domain/lifecycle/states.js';
import type { TestApp } from './app.js';

type Outcome = 'ok' | 'unauth' | 'forbidden' | 'hidden' | 'refused';
type Only = (callers: never[], outcome: Outcome, otherwise: Outcome) => unknown;
interface Fx {
  t: TestApp;
  editionId: string;
  officeUserId: string;
  app(values: { state: ApplicationState }): Promise<string>;
}

/** An application the government approved for the award, with its decision recorded. */
async function governmentApproved(fx: Fx): Promise<string> {
  const id = await fx.app({ state: 'government_approved' });
  const db = fx.t.database.db;
  const [decision] = await db.insert(decisions).values({ editionId: fx.editionId, kind: 'government_decision', documentNumber: '临政字〔2026〕1号', decidedOn: '2026-11-30', recordedBy: fx.officeUserId }).returning();
  await db.insert(decisionItems).values({ decisionId: decision.id, applicationId: id, outcome: 'award' });
  return id;
}

/** The decision's shared rows of the authorization matrix (src/http/routes/decision.ts). */
export function decisionMatrix(only: Only) {
  const deciding = only(['office', 'committee', 'leadership', 'government'] as never[], 'ok', 'forbidden');
  return {
    'GET /api/decision/editions/:id/composite': { expect: deciding, request: async (fx: Fx) => ({ url: `/api/decision/editions/${fx.editionId}/composite` }) },
    // Publishing is once per edition: the office's call is the one that publishes.
    'POST /api/decision/editions/:id/publish': {
      expect: only(['office'] as never[], 'ok', 'forbidden'),
      once: true as const,
      request: async (fx: Fx) => {
        await governmentApproved(fx);
        return { url: `/api/decision/editions/${fx.editionId}/publish` };
      },
    },
  };
}
