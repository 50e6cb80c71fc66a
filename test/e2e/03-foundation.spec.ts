import { expect, test } from '@playwright/test';
import { E2E_DEMO_PASSWORD, login } from './support';

/**
 * Issue 2's path through the browser: the office closes the running (demo) edition, opens
 * a new one under the current rule profile, schedules it and publishes the call, which the
 * public then reads on the home page in Chinese. Runs after the intake spec, which uses the
 * demo edition.
 */
const shanghaiDate = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function pickDate(page: import('@playwright/test').Page, label: string, date: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

test('the office opens an edition and publishes its call; the public sees it in Chinese [Art.13]', async ({ page }, testInfo) => {
  await login(page, 'office', E2E_DEMO_PASSWORD);
  await page.goto('/editions');
  await expect(page.getByText('届次管理')).toBeVisible();
  // antd's own Chinese (zh_CN applied): the pagination size changer says 条/页.
  await expect(page.getByText(/条\/页/).first()).toBeVisible();

  // Only one edition may be open: close the demo edition first.
  await page.getByRole('link', { name: /演示/ }).first().click();
  await page.getByRole('button', { name: '结束届次' }).click();
  await page.getByRole('button', { name: /^确\s*定$/ }).click();
  await expect(page.getByText('届次已结束')).toBeVisible();

  await page.goto('/editions');
  await page.getByRole('button', { name: /新建届次/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('规则版本').click();
  await page.getByTitle(/现行规则/).first().click();
  await dialog.getByLabel('届次').fill('2');
  const year = Number(shanghaiDate(0).slice(0, 4)) + 2;
  await dialog.getByLabel('年度').fill(String(year));
  await dialog.getByLabel('名称').fill(`${year}年度临沂市市长质量奖`);
  await pickDate(page, '开启日期', shanghaiDate(0));
  await dialog.getByRole('button', { name: /^创\s*建$/ }).click();
  await expect(page.getByText('届次已创建')).toBeVisible();

  const deadline = shanghaiDate(45);
  await pickDate(page, '申报截止', deadline);
  await page.getByRole('button', { name: '保存日程' }).click();
  await expect(page.getByText('日程已保存')).toBeVisible();

  const callText = `现启动${year}年度临沂市市长质量奖申报工作，申报截止日期为${deadline}。评审不收取任何费用。`;
  await page.getByLabel('通知内容').fill(callText);
  await page.getByRole('button', { name: '发布申报通知' }).click();
  await expect(page.getByText('申报通知已发布')).toBeVisible();

  await page.context().clearCookies();
  await page.goto('/');
  await expect(page.getByText(callText)).toBeVisible();
  await expect(page.getByText(`${year}年度临沂市市长质量奖`).first()).toBeVisible();
  await expect(page.getByText(deadline).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('public-home-with-call.png'), fullPage: true });
  await testInfo.attach('public-home', { path: testInfo.outputPath('public-home-with-call.png'), contentType: 'image/png' });
});

test('a wrong password shows the server’s Chinese message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('用户名', { exact: true }).fill('office');
  await page.getByLabel('密码', { exact: true }).fill('Wrong-Pass-0');
  await page.getByRole('button', { name: /^\s*登\s*录\s*$/ }).click();
  await expect(page.getByText('用户名或密码错误')).toBeVisible();
});
