import { expect, request, test, type Page } from '@playwright/test';
import { apiAs } from './support/api';
import { E2E_ADMIN, E2E_BASE_URL, E2E_DEMO_PASSWORD } from './support/constants';
import { creditCode, readMailedCode, tinyPdf } from './support/intake';
import { login } from './support/login';

/**
 * Stored text never executes (issue 14): script payloads go into every text field the main
 * server's pages show — an applicant's name and form fields, an uploaded file's name, an
 * organisation, a user's display name, an edition, a calendar note — and each page that shows
 * them is visited. The payload must appear as text, `window.__xss` must stay unset, and no
 * dialog may open. Runs on the main server after the other specs of that server.
 */
const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=1</script>';
const PAYLOADS = [IMG, SCRIPT];
const payload = (i: number) => PAYLOADS[i % 2];
const stamp = Date.now().toString(36).slice(-5);

/** Visits `url`, checks the payload shows as text and nothing ran. */
async function visit(page: Page, url: string, dialogs: string[], shown: string = IMG, then?: () => Promise<void>): Promise<void> {
  await page.goto(url);
  await then?.();
  await expect(page.getByText(shown, { exact: false }).first()).toBeVisible({ timeout: 15_000 });
  // Give an onerror handler time to fire on a broken image.
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `script ran on ${url}`).toBeUndefined();
  expect(dialogs, `dialog on ${url}`).toEqual([]);
}

test('script payloads stored in text fields are shown as text and never run', async ({ browser }) => {
  // About 40 s on a quiet machine; the margin is for a loaded one.
  test.setTimeout(180_000);
  // ---- Store the payloads through the API ----
  const office = await apiAs(E2E_BASE_URL, 'office', E2E_DEMO_PASSWORD);
  const admin = await apiAs(E2E_BASE_URL, E2E_ADMIN.username, E2E_ADMIN.password);
  await office.send('POST', '/api/organisations', { name: `${IMG}${stamp}`, kind: 'other' });
  await office.send('PUT', '/api/calendar/overrides/2026-12-27', { kind: 'workday', note: IMG });
  const profiles = await office.get<{ items: Array<{ id: string; code: string }> }>('/api/profiles');
  const profile = profiles.items.find((p) => p.code === 'linyi-current') ?? profiles.items[0];
  await office.send('POST', '/api/editions', { profileId: profile.id, number: 900 + (Date.now() % 90), year: 2030, name: `${IMG}${stamp}`, opensOn: '2026-12-01' });
  await admin.send('POST', '/api/users', { username: `xss_${stamp}`, displayName: `${IMG}${stamp}`, password: 'Xss-Probe-Pass-2026', roles: ['expert'] });

  // A fresh applicant whose name is a payload, with a draft whose text fields all carry one.
  const anonymous = await request.newContext({ baseURL: E2E_BASE_URL });
  const email = `xss${stamp}@example.cn`;
  expect((await anonymous.post('/api/register/code', { data: { email } })).status()).toBeLessThan(300);
  const username = `xssunit_${stamp}`;
  const password = 'Xss-Unit-Pass-2026';
  const reg = await anonymous.post('/api/register', {
    data: { kind: 'unit', identityCode: creditCode(`91371300${String(Date.now()).slice(-9)}`), name: `${IMG}${stamp}`, username, password, email, phone: '13800000000', emailCode: await readMailedCode(email) },
  });
  expect(reg.status(), await reg.text()).toBeLessThan(300);
  const applicant = await request.newContext({ baseURL: E2E_BASE_URL });
  const csrf = (await (await applicant.post('/api/auth/login', { data: { username, password } })).json()).csrfToken as string;
  const created = await applicant.post('/api/applications', { headers: { 'x-csrf-token': csrf }, data: {} });
  expect(created.status(), await created.text()).toBeLessThan(300);
  const draft = (await created.json()) as { id: string; revision: number };
  const form = Object.fromEntries(['name', 'address', 'legalRepresentative', 'contactName', 'certifications'].map((key, i) => [key, payload(i)]));
  const saved = await applicant.fetch(`/api/applications/${draft.id}`, { method: 'PATCH', headers: { 'x-csrf-token': csrf }, data: { revision: draft.revision, form } });
  expect(saved.status(), await saved.text()).toBeLessThan(300);
  const upload = await applicant.post(`/api/applications/${draft.id}/files?purpose=evidence`, {
    headers: { 'x-csrf-token': csrf },
    multipart: { file: { name: `${IMG}.pdf`, mimeType: 'application/pdf', buffer: tinyPdf() } },
  });
  expect(upload.status(), await upload.text()).toBeLessThan(300);

  // ---- Visit every page that shows them ----
  const dialogs: string[] = [];
  const as = async (username: string, password: string) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await login(page, username, password);
    return page;
  };
  const officePage = await as('office', E2E_DEMO_PASSWORD);
  await visit(officePage, '/organisations', dialogs, IMG, () => officePage.getByText('其他', { exact: true }).click());
  await visit(officePage, '/editions', dialogs);
  await visit(officePage, '/calendar', dialogs);
  const adminPage = await as(E2E_ADMIN.username, E2E_ADMIN.password);
  // Many accounts exist by now: find this one as an administrator would, by searching.
  await visit(adminPage, '/users', dialogs, IMG, () => adminPage.getByPlaceholder('搜索用户名、姓名或机构').fill(stamp));
  const applicantPage = await as(username, password);
  await visit(applicantPage, '/applications', dialogs);
  // The draft's form holds the payloads in its inputs; the uploaded file's name is a link.
  await visit(applicantPage, `/applications/${draft.id}`, dialogs, `${IMG}.pdf`);
});
