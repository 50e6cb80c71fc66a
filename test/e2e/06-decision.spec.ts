import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { BALLOT_CHOICE_LABELS, type BallotChoice } from '../../src/domain/committee/ballot';
import { RESPONDENT_GROUPS } from '../../src/domain/profile/decision-settings';
import { apiAs, type Api } from './support/api';
import { E2E_ADMIN, E2E_DECISION_BASE_URL, E2E_DEMO_PASSWORD, e2eDecisionClockFile } from './support/constants';
import { formItem, pickDate } from './support/intake';
import { login } from './support/login';

// The decision and publication (issue 12) in the browser, on a server whose demo edition has its
// technical results reported and whose clock the test moves: the satisfaction survey, the
// candidate list, the committee's vote, the leadership's approval, the public notice with its
// working-day period, an objection filed by the public and dismissed, the government's decision,
// the published winners and a certificate verified on the public page. Steps nobody needs to watch
// being clicked (the other codes, questionnaires and ballots) go through the API.

test.use({ baseURL: E2E_DECISION_BASE_URL });
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const BASE = E2E_DECISION_BASE_URL;
const MEMBER_PASSWORD = 'Member-Pass-2026!';
const MEMBERS = ['e2e-member-2', 'e2e-member-3'];
const DAY = {
  survey: '2026-09-20T09:00:00+08:00',
  notice: '2026-09-30T09:00:00+08:00',
  objection: '2026-10-08T10:00:00+08:00',
  decision: '2026-10-13T09:00:00+08:00',
};

let office: Api;
let editionId: string;
/** The two candidates the committee proposes: one for the award, one for the nomination. */
const proposal = { award: { id: '', name: '' }, nomination: { id: '', name: '' } };
let noticeId: string;

/** Moves the server's day (src/clock.ts re-reads the file within 50 ms). */
async function setClock(iso: string): Promise<void> {
  writeFileSync(e2eDecisionClockFile(), JSON.stringify({ at: iso }));
  await new Promise((r) => setTimeout(r, 200));
}

/** The browser's clock shows the server's day (date pickers default to "today"), then the user logs in. */
async function openAs(page: Page, username: string, day: string, password = E2E_DEMO_PASSWORD): Promise<void> {
  await page.clock.install({ time: new Date(day) });
  await login(page, username, password);
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.goto(`/decision/${editionId}?tab=${tab}`);
}

/**
 * Confirms the open dialog and waits for it to go. Once in CI a click on the dialog's button
 * (right after it opened) sent nothing: the trace shows the click and no request. The click
 * is repeated only while the dialog is still there; a pending request keeps its button
 * loading, which ignores further clicks.
 */
async function confirmModal(page: Page, ok: RegExp | string): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm');
  await expect(async () => {
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: ok }).click({ timeout: 2_000 });
    await expect(dialog).toBeHidden({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
}

/** A raw office client: the codes come back as a spreadsheet, not JSON. */
async function officeHttp(): Promise<{ ctx: APIRequestContext; csrf: string }> {
  const ctx = await request.newContext({ baseURL: BASE });
  const res = await ctx.post('/api/auth/login', { data: { username: 'office', password: E2E_DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  return { ctx, csrf: (await res.json()).csrfToken };
}

async function codesOf(xlsx: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const codes: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) codes.push(String(row.getCell(3).value));
  });
  return codes;
}

async function states(): Promise<Map<string, string>> {
  const table = await office.get(`/api/decision/editions/${editionId}/composite`);
  return new Map(table.rows.map((r: { applicationId: string; state: string }) => [r.applicationId, r.state]));
}

const countIn = async (state: string) => [...(await states()).values()].filter((s) => s === state).length;

test('the office opens the surveys, issues codes, a respondent answers, the surveys close [Art.16]', async ({ page }) => {
  await setClock(DAY.survey);
  office = await apiAs(BASE, 'office', E2E_DEMO_PASSWORD);
  editionId = (await office.get('/api/editions')).items[0].id;
  const eligible = (await office.get(`/api/decision/editions/${editionId}/surveys`)).eligible as Array<{ applicationId: string; name: string }>;
  expect(eligible.length).toBeGreaterThanOrEqual(3);

  await openAs(page, 'office', DAY.survey);
  await openTab(page, 'survey');
  await page.getByPlaceholder('开始日期').click();
  await page.getByPlaceholder('开始日期').fill('2026-09-20');
  await page.getByPlaceholder('开始日期').press('Enter');
  await page.getByPlaceholder('结束日期').fill('2026-09-25');
  // Enter in the last date field submits the form as the button would; click it only if it did not.
  await page.getByPlaceholder('结束日期').press('Enter');
  const confirm = page.locator('.ant-modal-confirm');
  await expect(async () => {
    if (!(await confirm.isVisible())) await page.getByTestId('survey-open').click({ timeout: 2_000 });
    await expect(confirm).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(confirm).toContainText('测评期 2026-09-20 至 2026-09-25');
  await confirmModal(page, '开展测评');
  await expect(page.getByText('答卷中').first()).toBeVisible();
  const surveys = (await office.get(`/api/decision/editions/${editionId}/surveys`)).items as Array<{ surveyId: string; applicationId: string; name: string }>;
  expect(surveys).toHaveLength(eligible.length);

  // One batch through the browser: the spreadsheet is downloaded and holds the code.
  const first = surveys[0];
  await page.locator('tr', { hasText: first.name }).getByRole('button', { name: '发放测评码' }).click();
  await page.getByRole('dialog').getByLabel('本批数量').fill('1');
  const download = page.waitForEvent('download');
  await page.getByRole('dialog').getByRole('button', { name: '发放并下载 Excel' }).click();
  const [browserCode] = await codesOf(await readFile((await (await download).path())!));
  expect(browserCode).toMatch(/\S{5,}/);

  // The other batches through the API: one code per group and candidate.
  const http = await officeHttp();
  const codes: string[] = [];
  for (const s of surveys) {
    for (const group of RESPONDENT_GROUPS) {
      if (s === first && group === 'customer') continue;
      const res = await http.ctx.post(`/api/decision/editions/${editionId}/surveys/${s.surveyId}/codes`, { headers: { 'x-csrf-token': http.csrf }, data: { group, count: 1 } });
      expect(res.status(), await res.text()).toBe(200);
      codes.push(...(await codesOf(await res.body())));
    }
  }

  // A respondent answers in the browser, without logging in.
  const respondent = await page.context().browser()!.newPage({ baseURL: BASE });
  await respondent.goto(`/survey?code=${encodeURIComponent(browserCode)}`);
  await expect(respondent.getByTestId('survey-form')).toBeVisible();
  const questions = await respondent.locator('[data-testid^="survey-q"]').count();
  expect(questions).toBeGreaterThan(0);
  for (let i = 0; i < questions; i++) await respondent.getByTestId(`survey-q${i}`).locator('.ant-radio-wrapper').last().click();
  await respondent.getByTestId('survey-submit').click();
  await expect(respondent.getByTestId('survey-thanks')).toBeVisible();
  await respondent.close();

  // The others answer through the public API.
  const publicApi = await request.newContext({ baseURL: BASE });
  for (const [n, code] of codes.entries()) {
    const q = await (await publicApi.get(`/api/public/survey/${encodeURIComponent(code)}`)).json();
    const res = await publicApi.post(`/api/public/survey/${encodeURIComponent(code)}`, { data: { answers: q.questions.map((_: string, i: number) => 1 + ((n + i) % q.scale)) } });
    expect(res.status(), await res.text()).toBe(200);
  }

  // The office closes one survey in the browser, the rest through the API.
  await page.reload();
  await page.locator('tr', { hasText: first.name }).getByRole('button', { name: '结束测评' }).click();
  await confirmModal(page, '结束测评');
  await expect(page.locator('tr', { hasText: first.name })).toContainText('已结束');
  for (const s of surveys.slice(1)) await office.send('POST', `/api/decision/editions/${editionId}/surveys/${s.surveyId}/close`);
});

test('the office proposes the candidate list', async ({ page }) => {
  await openAs(page, 'office', DAY.survey);
  await openTab(page, 'candidates');
  await page.getByTestId('candidate-submit').click();
  await confirmModal(page, '提出名单');
  await expect.poll(() => countIn('candidate'), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
});

test('the committee is constituted, votes in plenary, and the office closes the session [Art.9][Art.16]', async ({ page }) => {
  const admin = await apiAs(BASE, E2E_ADMIN.username, E2E_ADMIN.password);
  for (const username of MEMBERS) await admin.send('POST', '/api/users', { username, displayName: `评审委员${username.slice(-1)}`, password: MEMBER_PASSWORD, roles: ['committee'] });

  await openAs(page, 'office', DAY.survey);
  await openTab(page, 'committee');
  const positions = ['主任', '委员', '委员'];
  for (const [i, username] of ['committee', ...MEMBERS].entries()) {
    await expect(async () => {
      await page.getByLabel('职务').click();
      await page.locator('.ant-select-dropdown:visible').getByText(positions[i], { exact: true }).click({ timeout: 3_000 });
      await page.getByLabel('委员账号').click();
      await page.locator('.ant-select-dropdown:visible').getByText(`（${username}）`).click({ timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
    await page.getByRole('button', { name: '添加委员' }).click();
    await expect(page.getByTestId('committee-members').locator('tbody tr')).toHaveCount(i + 1);
  }
  await page.getByTestId('committee-constitute').click();
  await confirmModal(page, '确认组成');
  await expect(page.getByText('已组成', { exact: false }).first()).toBeVisible();

  await page.getByLabel('会议日期').fill('2026-09-20');
  for (const box of await page.locator('.ant-checkbox-group .ant-checkbox-wrapper').all()) await box.click();
  await expect(page.getByTestId('committee-quorum')).toContainText('出席 3 / 3');
  await page.getByRole('button', { name: '开始会议并开放投票' }).click();
  await expect(page.getByTestId('committee-progress')).toContainText('已投票 0 / 出席 3');

  // The choices: the best unit for the award, the second for the nomination, none for the rest.
  const table = await office.get(`/api/decision/editions/${editionId}/composite`);
  const units = table.rows.filter((r: { kind: string; state: string }) => r.kind === 'unit' && r.state === 'candidate').sort((a: { rank: number }, b: { rank: number }) => a.rank - b.rank);
  proposal.award = { id: units[0].applicationId, name: units[0].name };
  proposal.nomination = { id: units[1].applicationId, name: units[1].name };
  const choiceOf = (id: string): BallotChoice => (id === proposal.award.id ? 'award' : id === proposal.nomination.id ? 'nomination' : 'neither');

  // The demo member votes in the browser.
  const member = await page.context().browser()!.newPage({ baseURL: BASE });
  await member.clock.install({ time: new Date(DAY.survey) });
  await login(member, 'committee', E2E_DEMO_PASSWORD);
  await member.goto('/committee');
  const sheet = member.getByTestId('ballot-sheet');
  await expect(sheet).toBeVisible();
  const lines = (await apiAs(BASE, 'committee', E2E_DEMO_PASSWORD).then((a) => a.get(`/api/committee/editions/${editionId}`))).candidates as Array<{ applicationId: string; name: string }>;
  for (const c of lines) await sheet.locator('tr', { hasText: c.name }).locator('.ant-radio-wrapper', { hasText: BALLOT_CHOICE_LABELS[choiceOf(c.applicationId)] }).click();
  await member.getByTestId('ballot-cast').click();
  await confirmModal(member, '确认投票');
  await expect(member.getByText('您已投票', { exact: true })).toBeVisible();
  await member.close();

  // The two others through the API.
  for (const username of MEMBERS) {
    const api = await apiAs(BASE, username, MEMBER_PASSWORD);
    const mine = await api.get(`/api/committee/editions/${editionId}`);
    await api.send('POST', `/api/committee/editions/${editionId}/ballot`, { sessionId: mine.session.id, choices: mine.candidates.map((c: { applicationId: string }) => ({ applicationId: c.applicationId, choice: choiceOf(c.applicationId) })) });
  }

  await page.reload();
  await expect(page.getByTestId('committee-progress')).toContainText('已投票 3 / 出席 3');
  await page.getByLabel('决议文号').fill('临质评〔2026〕1号');
  await page.getByRole('button', { name: '闭会计票' }).click();
  await confirmModal(page, '闭会计票');
  await expect(page.getByTestId('committee-minutes')).toBeVisible();
  const after = await states();
  expect(after.get(proposal.award.id)).toBe('proposed');
  expect(after.get(proposal.nomination.id)).toBe('proposed');
  expect([...after.values()].filter((s) => s === 'proposed')).toHaveLength(2);
});

test('the leadership approves the proposed list [Art.16]', async ({ page }) => {
  await openAs(page, 'leader', DAY.survey);
  await openTab(page, 'leadership');
  await expect(page.getByTestId('leadership')).toContainText(proposal.award.name);
  await page.getByTestId('leadership-document').fill('临质强〔2026〕5号');
  await page.getByTestId('leadership-submit').click();
  await confirmModal(page, '审定名单');
  await expect.poll(() => countIn('leadership_approved'), { timeout: 20_000 }).toBe(2);
});

test('the office publishes the notice: from 2026-09-30 to the working day the calendar gives, 2026-10-12 [Art.17]', async ({ page }) => {
  await setClock(DAY.notice);
  office = await apiAs(BASE, 'office', E2E_DEMO_PASSWORD);
  await openAs(page, 'office', DAY.notice);
  await openTab(page, 'notice');
  await formItem(page, '异议受理方式（联系人、电话、地址）').locator('textarea').fill('联系电话 0539-8888888；地址：临沂市北城新区');
  await pickDate(page, '公示开始日期（默认今日）', '2026-09-30');
  await expect(page.getByTestId('notice-preview')).toContainText('2026-10-12');
  await page.getByRole('button', { name: /发布公示/ }).click();
  await page.locator('.ant-popover:visible').getByRole('button', { name: /^\s*发\s*布\s*$/ }).click();
  await expect(page.getByText('公示中')).toBeVisible();
  await expect(page.locator('.ant-descriptions')).toContainText('2026-09-30 至 2026-10-12');
  noticeId = (await office.get(`/api/decision/editions/${editionId}/notice`)).notice.id;
  expect(await countIn('public_notice')).toBe(2);
});

test('the public files an objection on the notice page; the office dismisses it [Art.17]', async ({ page }) => {
  await setClock(DAY.objection);
  await page.clock.install({ time: new Date(DAY.objection) });
  await page.goto(`/notices/${noticeId}`);
  await expect(page.getByTestId('notice-ends-on')).toHaveText('2026-10-12');
  await expect(async () => {
    await formItem(page, '异议对象').locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible').getByText(proposal.nomination.name, { exact: false }).click({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  await formItem(page, '姓名（实名）').locator('input').fill('李明');
  await formItem(page, '联系电话').locator('input').fill('13905391234');
  await formItem(page, '异议内容').locator('textarea').fill('该企业申报材料中的质量损失率数据与统计年报不一致。');
  await page.getByRole('button', { name: '提交异议' }).click();
  await expect(page.getByTestId('objection-reference')).toHaveText(/^YY-2026-\d+$/);
  const reference = await page.getByTestId('objection-reference').innerText();

  const page2 = await page.context().browser()!.newPage({ baseURL: BASE });
  await page2.clock.install({ time: new Date(DAY.objection) });
  office = await apiAs(BASE, 'office', E2E_DEMO_PASSWORD);
  await login(page2, 'office', E2E_DEMO_PASSWORD);
  await page2.goto(`/decision/${editionId}?tab=notice`);
  const item = page2.getByTestId('objection').filter({ hasText: reference });
  await expect(item).toContainText('待处理');
  await item.getByPlaceholder('记录核查过程、询问情况、取得的证据等').fill('调取统计年报和企业台账核对，数据一致，系统口径差异已说明。');
  await item.getByRole('button', { name: '保存调查情况' }).click();
  await expect(page2.getByText('调查情况已保存')).toBeVisible();
  await item.getByText('异议不成立', { exact: true }).click();
  await formItem(page2, '理由').locator('textarea').fill('经核实，异议所述数据与统计年报一致，异议不成立。');
  await item.getByRole('button', { name: '作出处理决定' }).click();
  await page2.locator('.ant-popover:visible').getByRole('button', { name: /^\s*确\s*认\s*$/ }).click();
  await expect(item).toContainText('异议不成立');
  const objections = (await office.get(`/api/decision/editions/${editionId}/notice/objections`)).items;
  expect(objections.map((o: { status: string }) => o.status)).toEqual(['dismissed']);
  await page2.close();
});

test('after the notice the government decides and the office publishes the winners [Art.18]', async ({ page }) => {
  await setClock(DAY.decision);
  office = await apiAs(BASE, 'office', E2E_DEMO_PASSWORD);
  await openAs(page, 'gov', DAY.decision);
  await openTab(page, 'government');
  await expect(page.getByTestId('government')).toContainText(proposal.nomination.name);
  await page.getByTestId('government-document').fill('临政字〔2026〕30号');
  await page.getByTestId('government-submit').click();
  await confirmModal(page, '审定获奖名单');
  await expect.poll(() => countIn('government_approved'), { timeout: 20_000 }).toBe(2);

  await login(page, 'office', E2E_DEMO_PASSWORD);
  await openTab(page, 'publish');
  await page.getByTestId('publish-results').click();
  await confirmModal(page, /^\s*公\s*布\s*$/);
  await expect(page.getByText('获奖名单已在公众页面公布')).toBeVisible();
  const s = await states();
  expect(s.get(proposal.award.id)).toBe('awarded');
  expect(s.get(proposal.nomination.id)).toBe('nominated');

  await page.goto('/winners');
  await expect(page.getByTestId('winner')).toHaveCount(2);
  await expect(page.getByTestId('winner').filter({ hasText: proposal.award.name })).toHaveCount(1);
  await expect(page.getByTestId('winner').filter({ hasText: proposal.nomination.name })).toHaveCount(1);
});

test('a certificate is downloaded and verified on the public page [Art.27]', async ({ page }) => {
  await openAs(page, 'office', DAY.decision);
  await openTab(page, 'awards');
  const download = page.waitForEvent('download');
  await page.getByText('下载证书').first().click();
  const pdf = await readFile((await (await download).path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

  const awards = await office.get(`/api/editions/${editionId}/awards`);
  const serials = awards.winners.map((w: { certificate: { serial: string } | null }) => w.certificate?.serial);
  expect(serials).toHaveLength(2);
  const serial = serials[0] as string;
  await page.goto(`/verify/${encodeURIComponent(serial)}`);
  await expect(page.locator('body')).toContainText('有效');
  const last = serial.at(-1)!;
  const forged = serial.slice(0, -1) + (last === '0' ? '1' : '0');
  await page.goto(`/verify/${encodeURIComponent(forged)}`);
  await expect(page.locator('body')).toContainText('未找到');
});
