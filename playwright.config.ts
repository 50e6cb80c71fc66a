import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { E2E_ADMIN, E2E_AUDITOR, E2E_BASE_URL, E2E_DECISION_BASE_URL, E2E_DECISION_PORT, E2E_DECISION_START, E2E_DEMO_PASSWORD, E2E_PORT, E2E_REVOCATION_BASE_URL, E2E_REVOCATION_PORT, E2E_TECHNICAL_BASE_URL, E2E_TECHNICAL_PORT, e2eDecisionClockFile } from './test/e2e/support/constants';

// One fresh data dir per run. Computed once in the runner process and handed
// to workers through the environment (workers re-evaluate this file).
if (!process.env.E2E_DATA_DIR) {
  const tmp = resolve(import.meta.dirname, '.tmp');
  // Each run leaves its data (~40 MB) for a look after a failure; keep the last 3.
  try {
    const old = readdirSync(tmp).filter((n) => /^e2e-data-\d+-\d+$/.test(n)).sort();
    for (const n of old.slice(0, Math.max(0, old.length - 3))) rmSync(resolve(tmp, n), { recursive: true, force: true });
  } catch {
    // no .tmp yet
  }
  const stamp = new Date().toISOString().replace(/[-:.TZ]/g, '');
  process.env.E2E_DATA_DIR = resolve(tmp, `e2e-data-${stamp}-${process.pid}`);
}
const dataDir = process.env.E2E_DATA_DIR;
const decisionOnly = process.env.E2E_DECISION_ONLY === '1';
// E2E_REVOCATION_ONLY=1 (local iteration on 07-revocation): start (or reuse) only the published-winners server.
const revocationOnly = process.env.E2E_REVOCATION_ONLY === '1';
// E2E_MAIN_ONLY=1 (local iteration on a spec of the main server, e.g. 08-audit): start only the main server.
const mainOnly = process.env.E2E_MAIN_ONLY === '1';
type WebServer = Extract<NonNullable<PlaywrightTestConfig['webServer']>, unknown[]>[number];
mkdirSync(dataDir, { recursive: true });
// The decision server starts on a test clock (src/clock.ts); its spec moves the day on.
if (!existsSync(e2eDecisionClockFile())) writeFileSync(e2eDecisionClockFile(), JSON.stringify({ at: E2E_DECISION_START }));

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: E2E_BASE_URL,
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's chromium (scripts/ensure-system-deps.sh); Playwright's own
      // browser download is not reachable here. Never pass --user-data-dir:
      // Playwright manages the profile itself.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  // The second server carries a demo edition driven to the end of the qualification review (05-technical).
  // E2E_DECISION_ONLY=1 (local iteration on 06-decision only): start no other server and reuse a
  // decision server already listening on its port (started by hand with the same E2E_DATA_DIR).
  // The fourth server has its winners published (07-revocation); E2E_REVOCATION_ONLY=1 starts (or
  // reuses) that one alone.
  webServer: (<WebServer[]>[
    {
      command: 'node scripts/start.mjs --demo',
      url: `${E2E_BASE_URL}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(E2E_PORT),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        ADMIN_USERNAME: E2E_ADMIN.username,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        DEMO_PASSWORD: E2E_DEMO_PASSWORD,
        AUDITOR_PASSWORD: E2E_AUDITOR.password,
        // Keep the test log readable: no per-request lines (E2E_LOG_LEVEL=info to see them).
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      },
    },
    {
      command: 'node scripts/start.mjs --demo --through qualified',
      url: `${E2E_TECHNICAL_BASE_URL}/api/health`,
      timeout: 420_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(E2E_TECHNICAL_PORT),
        HOST: '127.0.0.1',
        DATA_DIR: `${dataDir}-technical`,
        ADMIN_USERNAME: E2E_ADMIN.username,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        DEMO_PASSWORD: E2E_DEMO_PASSWORD,
        // Keep the test log readable: no per-request lines (E2E_LOG_LEVEL=info to see them).
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      },
    },
    {
      command: 'node scripts/start.mjs --demo --through technical_reviewed',
      url: `${E2E_DECISION_BASE_URL}/api/health`,
      timeout: 900_000,
      reuseExistingServer: decisionOnly,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(E2E_DECISION_PORT),
        HOST: '127.0.0.1',
        DATA_DIR: `${dataDir}-decision`,
        TEST_CLOCK_FILE: e2eDecisionClockFile(),
        ADMIN_USERNAME: E2E_ADMIN.username,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        DEMO_PASSWORD: E2E_DEMO_PASSWORD,
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      },
    },
    {
      command: 'node scripts/start.mjs --demo --through published',
      url: `${E2E_REVOCATION_BASE_URL}/api/health`,
      // The demo through the published winners takes ~3 minutes here, longer on a busy machine.
      timeout: 900_000,
      reuseExistingServer: revocationOnly,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(E2E_REVOCATION_PORT),
        HOST: '127.0.0.1',
        DATA_DIR: `${dataDir}-revocation`,
        ADMIN_USERNAME: E2E_ADMIN.username,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        DEMO_PASSWORD: E2E_DEMO_PASSWORD,
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      },
    },
  ])
    .filter((server) => !decisionOnly || server.url?.startsWith(E2E_DECISION_BASE_URL))
    .filter((server) => !revocationOnly || server.url?.startsWith(E2E_REVOCATION_BASE_URL))
    .filter((server) => !mainOnly || server.url === `${E2E_BASE_URL}/api/health`),
});
