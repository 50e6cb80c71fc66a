type Outcome = 'ok' | 'unauth' | 'forbidden' | 'hidden' | 'refused';
type Only = (callers: never[], outcome: Outcome, otherwise: Outcome) => unknown;
interface Fx {
  editionId: string;
}

/** An edition's expert disqualifications (Art. 26): the bodies that supervise or run the review read them, nobody else. */
export function supervisionExpertsMatrix(only: Only) {
  return {
    'GET /api/editions/:id/expert-disqualifications': {
      expect: only(['office', 'agency', 'leadership', 'government', 'committee', 'auditadmin'] as never[], 'ok', 'forbidden'),
      request: async (fx: Fx) => ({ url: `/api/editions/${fx.editionId}/expert-disqualifications` }),
    },
  };
}
