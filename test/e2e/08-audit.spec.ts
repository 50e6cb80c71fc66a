import { statSync } from 'node:fs';
import { expect, request, test, type Page } from '@playwright/test';
import { E2E_ADMIN, E2E_BASE_URL, E2E_DEMO_PASSWORD, login } from './support';
import { E2E_AUDITOR as AUDITOR } from './support/constants';
import { apiAs } from './support/api';
import { shot, tinyPdf } from './support/intake';

// The trail and the access log (issue 13): the audit administrator filters the trail, reads names
// and a change's before/after, verifies the chain, exports to Excel, and opens the access log of
// an application whose material was downloaded.

const stamp = Date.now().toString().slice(-6);
const LOCKED = `e2e_locked${stamp}`;
const FILE_NAME = `商业秘密材料${stamp}.pdf`;
let applicationName = '';

/** Signs in over the API and returns the context with its CSRF token (for a multipart upload). */
async function signIn(username: string, password: string) {
  const context = await request.newContext({ baseURL: E2E_BASE_URL });
  const res = await context.post('/api/auth/login', { data: { username, password } });
  expect(res.status(), await res.text()).toBe(200);
  return { context, csrf: (await res.json()).csrfToken as string };
}

test.beforeAll(async () => {
  const admin = await apiAs(E2E_BASE_URL, E2E_ADMIN.username, E2E_ADMIN.password);
  await admin.send('POST', '/api/users', { username: LOCKED, displayName: '被锁定的办公室人员', password: 'Locked-Pass-2026!', roles: ['office'] });
  // Five wrong passwords start a delay (the lockout); a sixth attempt is refused during it.
  const anonymous = await request.newContext({ baseURL: E2E_BASE_URL });
  for (let i = 0; i < 6; i++) expect((await anonymous.post('/api/auth/login', { data: { username: LOCKED, password: 'Wrong-Pass-2026!' } })).status()).toBe(401);

  // The demo applicant's application with one material, downloaded once.
  const unit = await signIn('unit', E2E_DEMO_PASSWORD);
  const mine = await (await unit.context.get('/api/applications')).json();
  let applicationId: string = mine.items[0]?.id;
  if (!applicationId) {
    const created = await unit.context.post('/api/applications', { headers: { 'x-csrf-token': unit.csrf }, data: {} });
    expect(created.status(), await created.text()).toBe(201);
    applicationId = (await created.json()).id;
  }
  const application = await (await unit.context.get(`/api/applications/${applicationId}`)).json();
  applicationName = application.name;
  const uploaded = await unit.context.post(`/api/applications/${applicationId}/files?purpose=evidence`, {
    headers: { 'x-csrf-token': unit.csrf },
    multipart: { file: { name: FILE_NAME, mimeType: 'application/pdf', buffer: tinyPdf() } },
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  expect((await unit.context.get(`/api/files/${(await uploaded.json()).id}`)).status()).toBe(200);
});

async function pickActions(page: Page, labels: string[]) {
  const select = page.getByTestId('audit-action-filter');
  await select.click();
  for (const label of labels) await page.locator('.ant-select-dropdown:visible').getByText(label, { exact: true }).click();
  await page.keyboard.press('Escape');
}

test('the audit administrator filters the trail, reads a change, verifies the chain and exports it', async ({ page }, testInfo) => {
  await login(page, AUDITOR.username, AUDITOR.password);
  await page.goto('/audit');
  await expect(page.getByText('审计日志', { exact: true }).first()).toBeVisible();

  // By action: the accounts created, each shown by its name, not its id.
  await pickActions(page, ['新建用户']);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  const lockedRow = page.locator('tr.ant-table-row').filter({ hasText: LOCKED });
  await expect(lockedRow).toBeVisible();
  await expect(lockedRow).toContainText('新建用户');
  await expect(page.locator('tr.ant-table-row').filter({ hasNotText: '新建用户' })).toHaveCount(0);

  // The record's before and after, side by side, changed keys highlighted.
  await lockedRow.getByRole('button', { name: /展开行|Expand row/ }).click();
  const diff = page.getByTestId('audit-diff');
  await expect(diff).toBeVisible();
  await expect(diff.getByRole('columnheader', { name: '变更前' })).toBeVisible();
  await expect(diff.getByRole('columnheader', { name: '变更后' })).toBeVisible();
  await expect(diff.locator('tr[data-changed="true"]').filter({ hasText: 'username' })).toContainText(LOCKED);
  await shot(page, testInfo, 'audit-filtered');

  // The quick filter: failed logins, the lockout and unlocks.
  await page.getByRole('button', { name: '登录失败与锁定' }).click();
  await expect(page.locator('tr.ant-table-row').filter({ hasText: '失败次数过多，账号锁定（延迟登录）' }).filter({ hasText: LOCKED }).first()).toBeVisible();
  await expect(page.locator('tr.ant-table-row').filter({ hasText: '登录或密码校验失败' }).first()).toBeVisible();

  // The chain.
  await page.getByRole('button', { name: '校验审计链' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('审计链完整');

  // Excel of the filtered records.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(statSync(await download.path()).size).toBeGreaterThan(3_000);
});

test('the audit administrator opens the access log of an application', async ({ page }, testInfo) => {
  await login(page, AUDITOR.username, AUDITOR.password);
  await page.goto('/access-log');
  const picker = page.getByTestId('access-log-application');
  await expect(async () => {
    await picker.click();
    await page.keyboard.type(applicationName.slice(0, 4));
    await page.locator('.ant-select-dropdown:visible').getByText(applicationName, { exact: false }).first().click({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  const row = page.locator('tr.ant-table-row').filter({ hasText: FILE_NAME });
  await expect(row).toBeVisible();
  await expect(row).toContainText('下载材料');
  await expect(row).toContainText('unit');
  await shot(page, testInfo, 'access-log');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('access-log-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${applicationName}-材料查阅记录.xlsx`);
  expect(statSync(await download.path()).size).toBeGreaterThan(3_000);
});
