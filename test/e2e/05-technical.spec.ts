import { expect, test, type Page } from '@playwright/test';
import { poolExportWorkbook } from '../../src/services/experts/pool-sheet';
import { apiAs, type Api } from './support/api';
import { E2E_DEMO_PASSWORD, E2E_TECHNICAL_BASE_URL } from './support/constants';
import { pickDate } from './support/intake';
import { login } from './support/login';

// The technical review (issue 11) in the browser, on a server whose demo edition has just passed
// the qualification review: the agency imports its pool and assigns panels; an expert accepts the
// commitment and scores; the group leader forms the consensus; the agency advances, schedules the
// on-site review and the defence, submits the report; the office sees it. Scorebooks that nobody
// needs to watch being filled are filled through the API, as the other experts would.

test.use({ baseURL: E2E_TECHNICAL_BASE_URL });
test.describe.configure({ mode: 'serial', timeout: 600_000 });

const EXPERT_PASSWORD = 'Expert-Pass-2026!';
const NAMES = ['刘建国', '王秀英', '张伟民', '李静怡', '陈志强', '杨丽华', '赵德明', '孙海燕'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let agency: Api;
let editionId: string;
const expertApis = new Map<string, Api>();

async function poolFile(): Promise<Buffer> {
  const experts = NAMES.map((name, i) => ({
    id: crypto.randomUUID(),
    name,
    unit: `山东省质量评价研究院${i + 1}所`,
    title: i % 2 ? '正高级工程师' : '高级工程师',
    industries: ['C', 'A', 'G', 'I', 'Q'],
    countyName: null,
    phone: `1390539100${i}`,
    formerEmployers: [],
    relativesUnits: [],
    advisedUnits: [],
    available: true,
    maxLoad: 40,
  }));
  return poolExportWorkbook(experts);
}

/** Each expert of a stage's panels commits and submits a complete scorebook through the API, except `skip`. */
async function scoreThroughApi(stage: string, skip: Set<string> = new Set()): Promise<void> {
  const panels = await agency.get(`/api/technical/editions/${editionId}/stages/${stage}/panels`);
  for (const app of panels.applications) {
    for (const member of app.members) {
      if (skip.has(`${app.applicationId}/${member.expertId}`)) continue;
      const api = expertApis.get(member.expertId)!;
      await api.send('POST', `/api/expert/editions/${editionId}/commitment`);
      const url = `/api/applications/${app.applicationId}/scorebooks/${stage}`;
      const page = await api.get(url);
      if (page.mine?.status === 'submitted') continue;
      const items = Object.fromEntries(page.template.categories.flatMap((c: { items: Array<{ code: string }> }) => c.items.map((i) => [i.code, { percent: 40 + ((i.code.length * 5 + app.name.length * 5) % 50) }])));
      await api.send('PUT', `${url}/mine`, { items, revision: page.mine?.revision ?? 0 });
      await api.send('POST', `${url}/mine/submit`);
    }
  }
}

async function openTab(page: Page, tab: string, stage?: string): Promise<void> {
  await page.goto(`/technical/${editionId}`);
  await page.getByRole('tab', { name: tab }).click();
  if (stage) await page.getByTestId('stage-picker').getByText(stage, { exact: true }).click();
}

test('the agency imports its pool from Excel, starts the review and assigns the panels [Art.8]', async ({ page }) => {
  await login(page, 'agency', E2E_DEMO_PASSWORD);
  await page.goto('/experts');
  await page.getByTestId('pool-import').click();
  await page.locator('input[type=file]').setInputFiles({ name: '专家库.xlsx', mimeType: XLSX, buffer: await poolFile() });
  // The dialog lists the chosen file before it can be sent.
  await expect(page.getByRole('dialog').getByText('专家库.xlsx')).toBeVisible();
  await expect(page.getByTestId('pool-import-submit')).toBeEnabled();
  await page.getByTestId('pool-import-submit').click();
  await expect(page.getByTestId('pool-import-done')).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('experts-table')).toContainText('刘建国');

  agency = await apiAs(E2E_TECHNICAL_BASE_URL, 'agency', E2E_DEMO_PASSWORD);
  const pool = (await agency.get('/api/experts')).items as Array<{ id: string; name: string }>;
  for (const [i, e] of pool.filter((x) => NAMES.includes(x.name)).entries()) {
    await agency.send('POST', `/api/experts/${e.id}/account`, { username: `e2e_expert${i}`, password: EXPERT_PASSWORD });
    expertApis.set(e.id, await apiAs(E2E_TECHNICAL_BASE_URL, `e2e_expert${i}`, EXPERT_PASSWORD));
  }

  await page.goto('/technical');
  await page.getByTestId('technical-editions').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/technical\/[0-9a-f-]{36}$/);
  editionId = page.url().split('/').pop()!;
  await page.getByTestId('technical-start').click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '开始技术评审' }).click();
  await expect(page.getByTestId('stage-card-material')).toBeVisible();

  await openTab(page, '评审组');
  await page.getByTestId('panel-k').fill('5');
  await page.getByTestId('panel-solve').click();
  await expect(page.getByTestId('panel-objective')).toBeVisible({ timeout: 60_000 });
  const view = await agency.get(`/api/technical/editions/${editionId}/stages/material/panels`);
  expect(view.applications.length).toBeGreaterThan(5);
  for (const app of view.applications) expect(app.members).toHaveLength(5);
});

test('an expert accepts the commitment, then scores an application in the browser [Art.24]', async ({ page }) => {
  const view = await agency.get(`/api/technical/editions/${editionId}/stages/material/panels`);
  const target = view.applications[0];
  const member = target.members.find((m: { isLeader: boolean }) => !m.isLeader) ?? target.members[0];
  const index = [...expertApis.keys()].indexOf(member.expertId);
  await login(page, `e2e_expert${index}`, EXPERT_PASSWORD);
  await page.goto('/expert');
  await expect(page.getByTestId('commitment-required')).toBeVisible();
  await page.getByTestId('open-commitment').click();
  await expect(page.getByTestId('commitment-text')).toContainText('保密');
  await page.getByTestId('commitment-checkbox').check();
  await page.getByTestId('commitment-accept').click();
  await expect(page.getByTestId('commitment-accepted-at')).toBeVisible();

  await page.goto(`/scorebooks/${target.applicationId}/material`);
  await expect(page.getByTestId('scorebook-editor')).toBeVisible();
  // Others' scores stay hidden until one's own are in.
  await expect(page.getByTestId('panel-hidden')).toBeVisible();
  const codes = await page.locator('[data-testid^="percent-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('percent-'.length)));
  expect(codes.length).toBeGreaterThan(10);
  for (const code of codes) {
    await page.locator(`[data-testid="percent-${code}"] .ant-select`).click();
    await page.keyboard.type('60');
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('scorebook-total')).toContainText('600');
  await expect(page.locator('[data-testid="save-status"][data-state="saved"]')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('submit-scorebook').click();
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByTestId('scorebook-submitted')).toBeVisible();
  await expect(page.getByTestId('panel-hidden')).toHaveCount(0);
});

test('the group leader forms the consensus from the panel', async ({ page }) => {
  await scoreThroughApi('material');
  const view = await agency.get(`/api/technical/editions/${editionId}/stages/material/panels`);
  const target = view.applications[0];
  const leader = target.members.find((m: { isLeader: boolean }) => m.isLeader);
  await login(page, `e2e_expert${[...expertApis.keys()].indexOf(leader.expertId)}`, EXPERT_PASSWORD);
  await page.goto(`/scorebooks/${target.applicationId}/material`);
  await expect(page.getByTestId('consensus-editor')).toBeVisible();
  await expect(page.locator('[data-testid^="spread-"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="consensus-save-status"]')).toBeVisible();
  await page.getByTestId('submit-consensus').click();
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByTestId('consensus-view')).toBeVisible();
});

test('the agency advances, schedules the later stages, and submits the report; the office sees it [Art.8]', async ({ page }) => {
  await login(page, 'agency', E2E_DEMO_PASSWORD);
  await openTab(page, '评审结果', '材料评审');
  await expect(page.getByTestId('results-section-unit')).toBeVisible();
  await page.getByTestId('advancement-submit').click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '记录决定' }).click();
  await expect.poll(async () => (await agency.get(`/api/technical/editions/${editionId}`)).stages[0].applications, { timeout: 30_000 }).toBe(0);

  const workday: string = (await agency.get(`/api/calendar/working-days?from=${new Date().toISOString().slice(0, 10)}&n=2`)).date;
  const stages = (await agency.get(`/api/technical/editions/${editionId}`)).stages.map((s: { stage: string }) => s.stage).slice(1) as string[];
  for (const stage of stages) {
    const panels = await agency.send('POST', `/api/technical/editions/${editionId}/stages/${stage}/panels`, { k: stage === 'onsite' ? 3 : 5 });
    const first = panels.applications[0].applicationId;
    await openTab(page, '评审组', stage === 'onsite' ? '现场评审' : '陈述答辩');
    await page.getByTestId(`panel-schedule-${first}`).click();
    await pickDate(page, '日期', workday);
    await page.getByLabel('地点').fill('企业生产现场');
    await page.getByLabel('议程').fill('听取汇报、查看现场、核实证据');
    await page.getByRole('button', { name: '保存日程' }).click();
    await expect(page.getByTestId('panels-table')).toContainText(workday);
    await scoreThroughApi(stage);
    if (stage !== stages.at(-1)) {
      const results = await agency.get(`/api/technical/editions/${editionId}/stages/${stage}/results`);
      const items = results.sections.flatMap((s: { rows: Array<{ applicationId: string }> }) => s.rows.map((r) => ({ applicationId: r.applicationId, outcome: 'advance' })));
      await agency.send('POST', `/api/editions/${editionId}/decisions`, { kind: 'advancement', decidedOn: new Date().toISOString().slice(0, 10), items });
    }
  }

  await openTab(page, '结果报告');
  await page.getByTestId('report-submit').click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '报送' }).click();
  await expect(page.getByTestId('report-submitted-at')).not.toHaveText('尚未报送', { timeout: 30_000 });

  await login(page, 'office', E2E_DEMO_PASSWORD);
  await page.goto(`/technical/${editionId}`);
  await expect(page.getByTestId('report-section-unit')).toBeVisible();
  await expect(page.getByTestId('report-pdf')).toBeVisible();
});
