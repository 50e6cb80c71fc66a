type Outcome = 'ok' | 'unauth' | 'forbidden' | 'hidden' | 'refused';
type Only = (callers: never[], outcome: Outcome, otherwise: Outcome) => unknown;
interface Fx {
  editionId: string;
}

/** The decision's shared rows of the authorization matrix (src/http/routes/decision.ts). */
export function decisionMatrix(only: Only) {
  const deciding = only(['office', 'committee', 'leadership', 'government'] as never[], 'ok', 'forbidden');
  return {
    'GET /api/decision/editions/:id/composite': { expect: deciding, request: async (fx: Fx) => ({ url: `/api/decision/editions/${fx.editionId}/composite` }) },
  };
}
