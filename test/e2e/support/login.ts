import { expect, type Page } from '@playwright/test';

/**
 * Log in through the real login form: /login, the inputs labelled 用户名 and
 * 密码, the button 登录; resolves once the app has navigated away from /login.
 */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  // antd puts a space between two CJK characters in a button ("登 录").
  await page.getByRole('button', { name: /^\s*登\s*录\s*$/ }).click();
  await expect(page).not.toHaveURL(/\/login(\?|#|$)/, { timeout: 15_000 });
}
