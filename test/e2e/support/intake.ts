import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import { login } from './login';

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid 18-character unified social credit code (GB 32100) for the given 17 first characters. */
export function creditCode(first17: string): string {
  const sum = [...first17].reduce((s, ch, i) => s + CREDIT_CHARSET.indexOf(ch) * CREDIT_WEIGHTS[i], 0);
  return first17 + CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

/** A valid 18-digit resident ID number (GB 11643) for the given 17 first digits. */
export function idNumber(first17: string): string {
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * ID_WEIGHTS[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A small but well-formed PDF (the server types files by their magic bytes). */
export function tinyPdf(): Buffer {
  const body = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n';
  // The server refuses a PDF without its cross-reference section and `startxref` (a truncated file).
  return Buffer.from(`${body}xref\n0 1\n0000000000 65535 f \ntrailer<</Size 1/Root 1 0 R>>\nstartxref\n${body.length}\n%%EOF\n`, 'latin1');
}

/**
 * The registration code mailed to `address`: without SMTP the server writes each mail as an
 * .eml file into <E2E_DATA_DIR>/mail (the outbox worker runs every few seconds).
 */
export async function readMailedCode(address: string, timeoutMs = 20_000): Promise<string> {
  const dir = join(process.env.E2E_DATA_DIR ?? '', 'mail');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    } catch {
      // no mail yet
    }
    const newest = files
      .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs, text: readFileSync(join(dir, f), 'utf8') }))
      .filter((m) => m.text.includes(address))
      .sort((a, b) => b.at - a.at)[0];
    const code = newest?.text.split(/\r?\n\r?\n/).slice(1).join('\n').match(/\b(\d{6})\b/)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`No registration mail for ${address} in ${dir}`);
}

export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** A page in a fresh browser context, signed in as `username`. */
export async function signedIn(browser: Browser, username: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, username, password);
  return page;
}

/** Registers through /register (unit or individual) and lands on 我的申报. */
export async function register(
  page: Page,
  a: { kind: 'unit' | 'individual'; code: string; name: string; username: string; password: string; email: string; phone: string },
  /** First tries this code with a wrong check character and expects the server's message on the field. */
  wrongCode?: string,
): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: '申报注册' }).click();
  await expect(page).toHaveURL(/\/register$/);
  if (a.kind === 'individual') await page.getByText('个人', { exact: true }).click();
  const codeInput = page.getByLabel(a.kind === 'unit' ? '统一社会信用代码' : '身份证号码');
  await codeInput.fill(wrongCode ?? a.code);
  await page.getByLabel(a.kind === 'unit' ? '单位名称' : '姓名', { exact: true }).fill(a.name);
  await page.getByLabel('用户名').fill(a.username);
  await page.getByLabel('密码', { exact: true }).fill(a.password);
  await page.getByLabel('邮箱', { exact: true }).fill(a.email);
  await page.getByRole('button', { name: '发送验证码' }).click();
  await expect(page.getByText(`验证码已发送至 ${a.email}`)).toBeVisible();
  await expect(page.getByRole('button', { name: /秒后重新发送/ })).toBeDisabled();
  await page.getByLabel('邮箱验证码').fill(await readMailedCode(a.email));
  await page.getByLabel('手机号').fill(a.phone);
  await page.getByRole('button', { name: '注册并登录' }).click();
  if (wrongCode) {
    await expect(page.locator('#identityCode_help, .ant-form-item-explain-error').filter({ hasText: '校验码错误' }).first()).toBeVisible();
    await codeInput.fill(a.code);
    await page.getByRole('button', { name: '注册并登录' }).click();
  }
  await expect(page).toHaveURL(/\/applications$/);
}

/** The Form.Item whose label is exactly `label`. */
export function formItem(page: Page, label: string) {
  return page.locator('.ant-form-item').filter({ has: page.locator('.ant-form-item-label label', { hasText: new RegExp(`^${label.replace(/[()（）]/g, '.')}$`) }) });
}

export async function answer(page: Page, label: string, yes: boolean): Promise<void> {
  await formItem(page, label).getByText(yes ? '是' : '否', { exact: true }).click();
}

export async function pickDate(page: Page, label: string, date: string): Promise<void> {
  const input = formItem(page, label).locator('input');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await expect(input).toHaveValue(date);
}

export async function selectOption(page: Page, label: string, option: string): Promise<void> {
  const select = formItem(page, label).locator('.ant-select');
  // A click that lands while antd's dropdown is still animating open can be dropped: pick
  // again until the select shows the option (what a person would do).
  await expect(async () => {
    await select.click();
    await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).click({ timeout: 3_000 });
    await expect(select).toContainText(option, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** Opens every 自我评价报告 section and writes a paragraph into it. */
export async function fillSelfEvaluation(page: Page): Promise<void> {
  const section = page.locator('#section-self-evaluation');
  const headers = section.locator('.ant-collapse-header');
  const n = await headers.count();
  for (let i = 0; i < n; i += 1) {
    await headers.nth(i).click();
    const panel = section.locator('.ant-collapse-item').nth(i);
    await panel.locator('textarea').fill(`本单位在该条款方面建立了完善的管理制度，持续改进并取得显著成效（第 ${i + 1} 项）。`);
  }
}

export async function uploadEvidence(page: Page, name = '证明材料.pdf'): Promise<void> {
  await page.locator('#section-evidence input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: tinyPdf() });
  await expect(page.locator('#section-evidence').getByRole('link', { name })).toBeVisible();
}

/** Waits until autosave has caught up and the server says the application can be submitted. */
export async function submitApplication(page: Page): Promise<void> {
  await expect(page.getByText(/保存中|有未保存的修改/)).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByText('材料已齐全')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('符合申报条件')).toBeVisible();
  const submit = page.getByRole('button', { name: '提交申报' });
  await expect(submit).toBeEnabled();
  await submit.click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByTestId('application-state')).toHaveText('已提交（待县区推荐）');
}
