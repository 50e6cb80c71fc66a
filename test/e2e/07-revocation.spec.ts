import { expect, test, type Page } from '@playwright/test';
import { apiAs, type Api } from './support/api';
import { E2E_DEMO_PASSWORD, E2E_REVOCATION_BASE_URL } from './support/constants';
import { formItem, pickDate, selectOption, tinyPdf } from './support/intake';
import { login } from './support/login';

// Revocation of an award (Art. 28–29, issue 13) in the browser, on a server whose demo edition has
// its winners published: the office opens a case against a winner with a ground and an evidence
// file and finds it substantiated, the leadership group proposes, the government decides, the
// office announces, records the recovery of the prize money and the items, and closes the case;
// then the public winners page, the certificate check and the revocation announcements say so.
// Handing over the prize before the misconduct emerges goes through the API (not what is tested).

test.use({ baseURL: E2E_REVOCATION_BASE_URL });
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const BASE = E2E_REVOCATION_BASE_URL;
const PRIZE_FEN = 50_000_000;
const PROPOSAL_NO = '临质强〔2026〕21号';
const DECISION_NO = '临政字〔2026〕36号';

interface Winner {
  winnerId: string;
  applicationId: string | null;
  name: string;
  category: string;
  revokedAt: string | null;
  certificate: { serial: string } | null;
  items: Array<{ kind: string; label: string; issuedOn: string | null; recoveredOn: string | null }>;
}

let office: Api;
let editionId: string;
let editionName: string;
let winner: Winner;
let caseUrl: string;

/** Today in Beijing (the date pickers' format). */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
/** antd puts a space between two CJK characters of a button ("提 交"). */
const button = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);

async function step(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId(`step-${name}`)).toBeEnabled();
  await page.getByTestId(`step-${name}`).click();
  await expect(page.getByTestId(`step-form-${name}`)).toBeVisible();
}

async function submitStep(page: Page): Promise<void> {
  await page.locator('.ant-modal:visible').getByRole('button', { name: button('提交') }).click();
}

async function confirmDialog(page: Page): Promise<void> {
  await page.locator('.ant-modal-confirm').getByRole('button', { name: button('确认') }).click();
}

async function openCase(page: Page, username: string): Promise<void> {
  await login(page, username, E2E_DEMO_PASSWORD);
  await page.goto(caseUrl);
  await expect(page.getByTestId('case-reference')).toBeVisible();
}

test.beforeAll(async () => {
  office = await apiAs(BASE, 'office', E2E_DEMO_PASSWORD);
  const editions = (await office.get('/api/editions')).items as Array<{ id: string; name: string }>;
  for (const e of editions) {
    const awards = await office.get(`/api/editions/${e.id}/awards`);
    // A standing winner of the award itself (a rerun on the same data picks the next one).
    const w = (awards.winners as Winner[]).find((x) => !x.revokedAt && x.certificate && x.applicationId && x.category === 'award');
    if (w) {
      editionId = e.id;
      editionName = e.name;
      winner = w;
      break;
    }
  }
  expect(winner, 'the demo through published has a standing winner').toBeTruthy();
  // The prize was handed over before the misconduct came to light.
  for (const item of winner.items.filter((i) => !i.issuedOn)) {
    await office.send('POST', `/api/winners/${winner.winnerId}/items`, { kind: item.kind, issuedOn: today(), receivedBy: '单位法定代表人' });
  }
  await office.send('POST', `/api/winners/${winner.winnerId}/payments`, { amountFen: PRIZE_FEN, paidOn: today(), reference: '临财拨〔2026〕9号' });
});

test('the office opens a revocation case with a ground and evidence, and finds it substantiated [Art.28]', async ({ page }) => {
  await login(page, 'office', E2E_DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: '监督与撤销' }).click();
  await expect(page).toHaveURL(/\/supervision$/);
  await page.getByTestId('case-new').click();
  const modal = page.locator('.ant-modal:visible');
  await selectOption(page, '案件类型', '撤销奖项（第二十八条、第二十九条）');
  await selectOption(page, '届次', editionName);
  const subject = formItem(page, '获奖者').locator('.ant-select');
  await expect(async () => {
    // The list is virtual (only the rows in view exist): search by name, as a person would.
    await subject.click();
    await subject.locator('input').fill(winner.name);
    await page.locator('.ant-select-dropdown:visible').getByText(winner.name).first().click({ timeout: 3_000 });
    await expect(subject).toContainText(winner.name, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  // The grounds of the winner's kind, each with its article.
  const ground = formItem(page, '撤销情形').locator('.ant-select');
  await expect(async () => {
    await ground.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click({ timeout: 3_000 });
    await expect(ground).toContainText('第二十', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await formItem(page, '事实与线索').locator('textarea').fill('群众来信反映该单位申报材料中的质量损失率数据与统计年报不符，涉嫌弄虚作假。');
  await modal.locator('input[type=file]').setInputFiles({ name: '举报材料.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
  await expect(modal.locator('.ant-upload-list-item').filter({ hasText: '举报材料.pdf' })).toBeVisible();
  await expect(modal.locator('.ant-upload-list-item-uploading')).toHaveCount(0);
  await modal.getByRole('button', { name: button('立案') }).click();

  await expect(page).toHaveURL(/\/supervision\/[0-9a-f-]{36}$/);
  caseUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('case-status')).toHaveText('调查核实中');
  await expect(page.getByTestId('case-files')).toContainText('举报材料.pdf');
  await expect(page.getByTestId('timeline-opened')).toContainText('统计年报');

  await step(page, 'verify');
  await page.getByText('查证属实', { exact: true }).click();
  await formItem(page, '核查情况').locator('textarea').fill('调取统计年报和企业台账核对，申报数据系虚报，情况属实。');
  await submitStep(page);
  await expect(page.getByTestId('case-status')).toHaveText('已查证属实');
  await expect(page.getByTestId('timeline-verified')).toContainText('查证属实');
  // The government's step is not the office's: the server says why, the button stays disabled.
  const decide = page.getByTestId('step-decide');
  if (await decide.count()) await expect(decide).toBeDisabled();
});

test('the leadership group proposes the revocation with a document number [Art.28]', async ({ page }) => {
  await openCase(page, 'leader');
  await step(page, 'propose');
  await formItem(page, '领导小组文号').locator('input').fill(PROPOSAL_NO);
  await formItem(page, '理由').locator('textarea').fill('经领导小组研究，该单位以弄虚作假手段骗取荣誉，提请市政府撤销其奖项。');
  await submitStep(page);
  await expect(page.getByTestId('case-status')).toHaveText('领导小组已提请');
  await expect(page.getByTestId('timeline-proposal')).toContainText(PROPOSAL_NO);
});

test('the government decides the revocation after a confirmation [Art.28]', async ({ page }) => {
  await openCase(page, 'gov');
  await step(page, 'decide');
  await formItem(page, '市政府决定文号').locator('input').fill(DECISION_NO);
  await formItem(page, '理由').locator('textarea').fill('同意撤销，收回证书、奖杯和奖金。');
  await submitStep(page);
  await confirmDialog(page);
  await expect(page.getByTestId('case-status')).toHaveText('市政府已决定');
  await expect(page.getByTestId('case-outcome')).toHaveText('撤销奖项');
  await expect(page.getByTestId('timeline-decision')).toContainText(DECISION_NO);
});

test('the office announces, records the recovery on the awards ledger and closes the case [Art.28]', async ({ page }) => {
  await openCase(page, 'office');
  await step(page, 'announce');
  // The announcement is drafted from the decision.
  await expect(formItem(page, '公告内容').locator('textarea')).toHaveValue(new RegExp(winner.name));
  await submitStep(page);
  await expect(page.getByTestId('case-status')).toHaveText('已公告');

  const recovery = page.getByTestId('case-recovery');
  await expect(recovery).toContainText('尚有奖金或奖励物品未收回');
  await page.getByTestId('recovery-ledger-link').click();
  await expect(page).toHaveURL(new RegExp(`/decision/${editionId}\\?tab=awards`));
  const row = page.locator('tr').filter({ hasText: winner.name }).first();
  await expect(row).toContainText('已撤销');
  const recover = row.getByRole('button', { name: button('登记收回') });
  await expect(recover).toHaveCount(winner.items.length);
  for (let left = winner.items.length - 1; left >= 0; left--) {
    await recover.first().click();
    await pickDate(page, '收回日期', today());
    await page.locator('.ant-modal:visible').getByRole('button', { name: button('保存') }).click();
    await expect(page.locator('.ant-modal:visible')).toHaveCount(0);
    await expect(recover).toHaveCount(left);
  }
  await expect(row).toContainText('已收回');
  await row.getByRole('button', { name: button('登记拨付') }).click();
  await formItem(page, '金额（元）').locator('input').fill(String(-PRIZE_FEN / 100));
  await pickDate(page, '拨付日期', today());
  await formItem(page, '拨付凭证号').locator('input').fill('临财缴〔2026〕3号');
  await page.locator('.ant-modal:visible').getByRole('button', { name: button('保存') }).click();
  await expect(page.locator('.ant-modal:visible')).toHaveCount(0);

  await page.goto(caseUrl);
  await expect(recovery).toContainText('奖金和奖励物品已全部收回');
  await expect(page.getByTestId('recovery-money')).toHaveText((PRIZE_FEN / 100).toLocaleString('en-US') + '.00');

  await step(page, 'close');
  await formItem(page, '结案说明').locator('textarea').fill('撤销决定已公告，奖金、证书和奖杯已全部收回，结案。');
  await submitStep(page);
  await confirmDialog(page);
  await expect(page.getByTestId('case-status')).toHaveText('已结案');
  await expect(page.getByTestId('case-outcome')).toHaveText('撤销奖项');
});

test('the public winners page, the certificate check and the announcements show the revocation [Art.28]', async ({ page }) => {
  await page.goto('/winners');
  await expect(page.getByTestId('winner-revoked').filter({ hasText: winner.name })).toContainText('已撤销');
  await page.getByTestId('revocations-link').click();
  await expect(page).toHaveURL(/\/revocations$/);
  const announcement = page.getByTestId('revocation').filter({ hasText: winner.name });
  await expect(announcement).toContainText(DECISION_NO);
  await expect(announcement).toContainText('特此公告');

  await page.goto(`/verify/${encodeURIComponent(winner.certificate!.serial)}`);
  await expect(page.locator('body')).toContainText('已撤销');
});
