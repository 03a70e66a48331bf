import { expect, type Page } from "./fixtures";

export const DEMO_PASSWORD = "hopehome-demo";

/** Signs in through the sign-in page, as a user would (works with and without JavaScript). */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("用户名", { exact: true }).fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

export async function signedInAs(page: Page, username: string, next = "/calendar") {
  await signIn(page, username, DEMO_PASSWORD, next);
  await expect(page.getByTestId("user-menu")).toBeVisible();
}
