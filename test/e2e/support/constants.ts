// Values the e2e server is started with (playwright.config.ts) and that specs log in with.
export const E2E_PORT = 3999;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
// Not 'E2e-Admin-Pass-2026': the password rule (src/domain/password-rules.ts) refuses a
// password that contains the username, and the bootstrap then stops the server.
export const E2E_ADMIN = { username: 'admin', password: 'E2e-Sys-Pass-2026' } as const;
/** The bootstrapped audit administrator of the main server (AUDITOR_PASSWORD; 08-audit). */
export const E2E_AUDITOR = { username: 'auditor', password: 'Trail-Check-2026!' } as const;
/** Every demo account loaded by `scripts/start.mjs --demo` gets this password. */
export const E2E_DEMO_PASSWORD = 'Demo-Pass-2026';
/** A second server whose demo edition starts at the end of the qualification review (`--demo --through qualified`). */
export const E2E_TECHNICAL_PORT = E2E_PORT - 1;
export const E2E_TECHNICAL_BASE_URL = `http://127.0.0.1:${E2E_TECHNICAL_PORT}`;
/** A third server whose demo edition has its technical results reported (`--demo --through technical_reviewed`), on a test clock (06-decision). */
export const E2E_DECISION_PORT = E2E_PORT - 2;
export const E2E_DECISION_BASE_URL = `http://127.0.0.1:${E2E_DECISION_PORT}`;
/** The decision server's clock file (src/clock.ts), beside its data folder; E2E_DATA_DIR is set by playwright.config.ts. */
export const e2eDecisionClockFile = () => `${process.env.E2E_DATA_DIR}-decision.clock.json`;
/** The day the decision server's clock shows when it loads its demo: the technical report lies two weeks before. */
export const E2E_DECISION_START = '2026-09-20T09:00:00+08:00';
/** A fourth server whose demo edition has its winners published (`--demo --through published`), for revoking an award (07-revocation). */
export const E2E_REVOCATION_PORT = E2E_PORT - 3;
export const E2E_REVOCATION_BASE_URL = `http://127.0.0.1:${E2E_REVOCATION_PORT}`;
