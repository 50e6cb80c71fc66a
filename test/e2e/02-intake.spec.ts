import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_ADMIN, E2E_DEMO_PASSWORD } from './support';
import {
  answer,
  creditCode,
  fillSelfEvaluation,
  formItem,
  idNumber,
  pickDate,
  register,
  selectOption,
  shot,
  signedIn,
  submitApplication,
  uploadEvidence,
} from './support/intake';

// Intake (issue 4) end to end: registration with a mailed code, the form with autosave,
// submission, the county's opinion, acceptance and the nine departments' qualification review.

const PASSWORD = 'Appl-Pass-2026!';
const stamp = Date.now().toString().slice(-6);

async function openApplication(page: Page, name: string): Promise<void> {
  await page.goto('/review');
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

async function countyRecommends(page: Page, name: string, recommend = true): Promise<void> {
  await openApplication(page, name);
  const card = page.locator('.ant-card').filter({ has: page.getByText('推荐意见', { exact: true }) }).first();
  await expect(card.getByLabel('签署人')).toHaveValue('兰山区质量强区办 李科长');
  if (!recommend) await card.getByText('不推荐', { exact: true }).click();
  await card.getByLabel('推荐意见').fill('该单位质量管理基础扎实，同意推荐。');
  await card.getByRole('button', { name: '签署意见' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认签署' }).click();
  await expect(page.getByTestId('application-state')).toHaveText('县区已推荐（待受理）');
}

async function officeAccepts(page: Page, name: string): Promise<void> {
  await openApplication(page, name);
  await page.getByRole('button', { name: '受理', exact: true }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '受理' }).click();
  await expect(page.getByTestId('application-state')).toHaveText('资格审查中');
}

async function departmentDecides(page: Page, applicationUrl: string, pass: boolean, reason?: string): Promise<void> {
  await page.goto(applicationUrl);
  const card = page.locator('.ant-card').filter({ has: page.getByText('资格审查意见', { exact: true }) });
  await card.getByText(pass ? '通过' : '不通过', { exact: true }).click();
  if (reason) await card.getByLabel('理由').fill(reason);
  await card.getByRole('button', { name: '提交审查意见' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByText('资格审查意见已提交')).toBeVisible();
}

/** Department accounts for the eight departments without a demo user, created as the system administrator. */
async function createDepartmentUsers(browser: Browser): Promise<string[]> {
  // A fresh context: a request with an existing session cookie would need that session's CSRF token.
  const context = await browser.newContext();
  const { request } = context;
  const login = await request.post('/api/auth/login', { data: { username: E2E_ADMIN.username, password: E2E_ADMIN.password } });
  expect(login.ok(), await login.text()).toBeTruthy();
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const orgs = await request.get('/api/organisations?kind=department');
  const { items } = (await orgs.json()) as { items: Array<{ id: string; name: string; code: string | null }> };
  const others = items.filter((o) => o.code && o.name !== '市质监局');
  expect(others).toHaveLength(8);
  const usernames: string[] = [];
  for (const org of others) {
    const username = `dept-${org.code}-${stamp}`;
    const res = await request.post('/api/users', {
      headers: { 'x-csrf-token': csrfToken },
      data: { username, displayName: `${org.name} 审查员`, password: PASSWORD, roles: ['department'], organisationId: org.id },
    });
    expect(res.status(), await res.text()).toBe(201);
    usernames.push(username);
  }
  await context.close();
  return usernames;
}

test.describe.configure({ mode: 'serial' });
test.use({ actionTimeout: 15_000 });

test('a unit registers, applies, is recommended, accepted and passes all nine departments [Art.14][Art.15]', async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000);
  const name = `临沂卓越质量测试有限公司${stamp}`;
  const email = `unit${stamp}@example.com`;

  const code = creditCode(`91371302MA3C${stamp.slice(0, 5)}`);
  // A wrong check character first: the server's message shows on the field.
  const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
  await register(page, { kind: 'unit', code, name, username: `unit${stamp}`, password: PASSWORD, email, phone: '13800001234' }, wrong);
  await shot(page, testInfo, '01-registered');

  await page.getByRole('button', { name: '开始申报' }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);
  const applicationUrl = new URL(page.url()).pathname;
  await expect(page.getByText('尚缺材料')).toBeVisible();

  await selectOption(page, '所在县区', '兰山区');
  await formItem(page, '单位地址').locator('input').fill('临沂市兰山区质量路 1 号');
  await formItem(page, '法定代表人').locator('input').fill('王质量');
  await formItem(page, '联系人').locator('input').fill('李联系');
  await formItem(page, '所属行业（门类 / 大类）').locator('.ant-select').click();
  await page.locator('.ant-cascader-dropdown:visible').getByText('C 制造业', { exact: true }).click();
  await page.locator('.ant-cascader-dropdown:visible').getByText('13 农副食品加工业', { exact: true }).click();
  await pickDate(page, '主体业务起始日期', '2010-03-01');
  await formItem(page, '职工人数').locator('input').fill('320');
  for (const [i, year] of ['2023', '2024', '2025'].entries()) {
    await page.getByLabel(`${year}年营业收入`).fill(String(50_000 + i * 5_000));
    await page.getByLabel(`${year}年利润`).fill(String(4_000 + i * 500));
  }
  await answer(page, '在本市行政区域内依法成立', true);
  await answer(page, '能够独立承担法律责任', true);
  await answer(page, '近3年内是否发生重大质量、安全、环境污染、公共卫生等事故', false);
  await answer(page, '是否存在因单位责任导致的投诉突出问题', false);
  await answer(page, '近3年内是否有其他违反法律法规的行为', false);
  await page.getByRole('checkbox', { name: /承诺/ }).check();
  await page.getByText('战略性新兴产业', { exact: true }).click();
  await fillSelfEvaluation(page);
  await uploadEvidence(page);
  await shot(page, testInfo, '02-form-filled');

  // Autosave reached the server: a reload shows the same values.
  await expect(page.getByText(/已自动保存 \d\d:\d\d:\d\d/).first()).toBeVisible({ timeout: 15_000 });
  await page.reload();
  await expect(formItem(page, '法定代表人').locator('input')).toHaveValue('王质量');

  await submitApplication(page);
  await shot(page, testInfo, '03-submitted');

  const county = await signedIn(browser, 'county', E2E_DEMO_PASSWORD);
  await countyRecommends(county, name);
  await shot(county, testInfo, '04-county-recommended');

  const office = await signedIn(browser, 'office', E2E_DEMO_PASSWORD);
  await officeAccepts(office, name);
  await expect(office.getByText('待审查').first()).toBeVisible();
  await shot(office, testInfo, '05-office-accepted');

  const departments = ['dept', ...(await createDepartmentUsers(browser))];
  expect(departments).toHaveLength(9);
  for (const username of departments) {
    const dept = await signedIn(browser, username, username === 'dept' ? E2E_DEMO_PASSWORD : PASSWORD);
    await departmentDecides(dept, applicationUrl, true);
    await dept.context().close();
  }

  await office.reload();
  await expect(office.getByTestId('application-state')).toHaveText('资格审查通过');
  await shot(office, testInfo, '06-office-qualified');

  await page.goto(applicationUrl);
  await expect(page.getByTestId('application-state')).toHaveText('资格审查通过');
  await expect(page.getByText('资格审查通过').first()).toBeVisible();
  await shot(page, testInfo, '07-applicant-qualified');
});

test('an individual is disqualified and reads the reason [Art.15]', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const name = `陈测试${stamp}`;
  const email = `person${stamp}@example.com`;
  const id = idNumber(`37130219780512${stamp.slice(-3)}`);

  await register(page, { kind: 'individual', code: id, name, username: `person${stamp}`, password: PASSWORD, email, phone: '13900005678' });
  await page.getByRole('button', { name: '开始申报' }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);
  const applicationUrl = new URL(page.url()).pathname;

  await selectOption(page, '所在县区', '兰山区');
  await formItem(page, '工作单位').locator('input').fill('临沂示范制造有限公司');
  await formItem(page, '职务/职称').locator('input').fill('质量总监');
  await pickDate(page, '在本市从事质量工作起始日期', '2005-07-01');
  await formItem(page, '主要质量工作业绩').locator('textarea').fill('主持建立卓越绩效管理体系，带领团队获得多项质量奖。');
  await answer(page, '所属单位近3年内是否发生重大事故', false);
  await answer(page, '本人是否有不良记录或违法、违规、违纪行为', false);
  await page.getByRole('checkbox', { name: /承诺/ }).check();
  await fillSelfEvaluation(page);
  await uploadEvidence(page, '个人业绩证明.pdf');
  await submitApplication(page);

  const county = await signedIn(browser, 'county', E2E_DEMO_PASSWORD);
  await countyRecommends(county, name);
  const office = await signedIn(browser, 'office', E2E_DEMO_PASSWORD);
  await officeAccepts(office, name);

  const dept = await signedIn(browser, 'dept', E2E_DEMO_PASSWORD);
  const objection = '经核查，申报人所在单位 2024 年存在质量违法记录。';
  await departmentDecides(dept, applicationUrl, false, objection);

  await office.reload();
  await expect(office.getByText('不通过', { exact: true }).first()).toBeVisible();
  await expect(office.getByText(objection)).toBeVisible();
  await office.getByRole('button', { name: '资格审查不通过' }).click();
  const reason = '市质监局核实申报人所在单位存在质量违法记录，不符合第十二条规定。';
  const dialog = office.getByRole('dialog', { name: '资格审查不通过' });
  await dialog.getByLabel('资格审查不通过理由').fill(reason);
  await dialog.getByRole('button', { name: '资格审查不通过' }).click();
  await expect(office.getByTestId('application-state')).toHaveText('资格审查未通过');
  await shot(office, testInfo, '08-office-disqualified');

  await page.goto(applicationUrl);
  await expect(page.getByTestId('application-state')).toHaveText('资格审查未通过');
  await expect(page.getByTestId('outcome-reason')).toContainText(`未通过原因：${reason}`);
  await shot(page, testInfo, '09-applicant-sees-reason');

  // The notice reached the applicant's inbox too.
  await page.goto('/inbox');
  await expect(page.getByText('您的申报：资格审查未通过')).toBeVisible();
});
