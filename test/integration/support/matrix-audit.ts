type Outcome = 'ok' | 'unauth' | 'forbidden' | 'hidden' | 'refused';
type Only = (callers: never[], outcome: Outcome, otherwise: Outcome, anonymous?: Outcome) => unknown;

interface Fx {
  /** In qualification review: the office sees it. */
  reviewedAppId: string;
}

/**
 * The audit trail's export and the access log (support for authorization-matrix.test.ts): the
 * export is the audit administrator's alone; the access log is the audit administrator's and
 * the office's, every other role is refused before any application is looked at.
 */
export function auditMatrix(only: Only) {
  const auditAndOffice = only(['auditadmin', 'office'] as never[], 'ok', 'forbidden');
  return {
    'GET /api/audit/export.xlsx': { expect: only(['auditadmin'] as never[], 'ok', 'forbidden'), request: async () => ({ url: '/api/audit/export.xlsx?actions=auth.login' }) },
    'GET /api/access-log/applications': { expect: auditAndOffice, request: async () => ({ url: '/api/access-log/applications?q=%E7%9F%A9%E9%98%B5' }) },
    'GET /api/access-log': { expect: auditAndOffice, request: async (fx: Fx) => ({ url: `/api/access-log?applicationId=${fx.reviewedAppId}` }) },
    'GET /api/access-log/export.xlsx': { expect: auditAndOffice, request: async (fx: Fx) => ({ url: `/api/access-log/export.xlsx?applicationId=${fx.reviewedAppId}` }) },
  };
}
