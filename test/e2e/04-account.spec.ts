import { expect, test } from '@playwright/test';
import { E2E_DEMO_PASSWORD, login } from './support';

/**
 * Changing one's own password through 账号设置: the server ends every session, the app sends
 * the user to the login page, and only the new password works from then on. Uses the demo
 * `expert` account, which no other spec logs in with.
 */
// 'Expert-New-Pass-7' would contain the username (the rule ignores case), so it is refused.
const REFUSED_PASSWORD = 'Expert-New-Pass-7';
const NEW_PASSWORD = 'Review-New-Pass-7';

test('a user changes the password and logs in again with the new one', async ({ page }, testInfo) => {
  await login(page, 'expert', E2E_DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: /账号设置/ }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(/至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，且不能包含用户名/)).toBeVisible();

  // The client applies the password rule and refuses two different new passwords before asking the server.
  await page.getByLabel('当前密码', { exact: true }).fill(E2E_DEMO_PASSWORD);
  await page.getByLabel('新密码', { exact: true }).fill(REFUSED_PASSWORD);
  await page.getByLabel('确认新密码', { exact: true }).fill(REFUSED_PASSWORD);
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByText('密码不能包含用户名')).toBeVisible();
  await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('确认新密码', { exact: true }).fill(`${NEW_PASSWORD}x`);
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByText('两次输入的新密码不一致')).toBeVisible();

  // A wrong current password comes back from the server (422) onto its field.
  await page.getByLabel('当前密码', { exact: true }).fill('Wrong-Pass-2026');
  await page.getByLabel('确认新密码', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByText('当前密码不正确')).toBeVisible();

  await page.getByLabel('当前密码', { exact: true }).fill(E2E_DEMO_PASSWORD);
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByText('密码已修改，请重新登录')).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await page.screenshot({ path: testInfo.outputPath('after-password-change.png'), fullPage: true });

  // The old session is gone: the signed-in area sends back to the login page.
  await page.goto('/workbench');
  await expect(page).toHaveURL(/\/login$/);

  // The old password no longer works; the new one does.
  await page.getByLabel('用户名', { exact: true }).fill('expert');
  await page.getByLabel('密码', { exact: true }).fill(E2E_DEMO_PASSWORD);
  await page.getByRole('button', { name: /^\s*登\s*录\s*$/ }).click();
  await expect(page.getByText('用户名或密码错误')).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);

  await login(page, 'expert', NEW_PASSWORD);
  await expect(page).toHaveURL(/\/workbench$/);
  await expect(page.getByRole('menuitem', { name: /工作台/ })).toBeVisible();
  await expect(page.getByText(/您的角色/)).toBeVisible();
});
