import type { Cookie } from "@playwright/test";
import { expect, type Page } from "./fixtures";

export const DEMO_PASSWORD = "hopehome-demo";

/** Signs in through the sign-in page, as a user would (works with and without JavaScript). */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("用户名", { exact: true }).fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** The cookies of each demo account's last sign-in, in this worker (whose server is its
 * own for its whole life): a test that only needs to be signed in starts from them, as a
 * browser that stayed signed in does, instead of signing in through the page again. */
const kept = new Map<string, Cookie[]>();

/** `username` signed in, on `next`. From the worker's kept session when the server still
 * knows it (a test may have signed it out); through the sign-in page otherwise. Tests about
 * signing in itself use `signIn`. */
export async function signedInAs(page: Page, username: string, next = "/calendar") {
  const cookies = kept.get(username);
  if (cookies) {
    await page.context().addCookies(cookies);
    await page.goto(next);
    if ((await page.getByTestId("user-menu").count()) > 0) return;
    kept.delete(username);
  }
  await signIn(page, username, DEMO_PASSWORD, next);
  await expect(page.getByTestId("user-menu")).toBeVisible();
  // The session, not a language this test may have chosen before signing in.
  kept.set(username, (await page.context().cookies()).filter((c) => c.name !== "lang"));
}

/**
 * Prints the page as the browser would (print media, the page's own size) and checks every
 * page is A4: 595.28 × 841.89 pt, within a point (Chromium rounds the size to whole CSS
 * pixels, so the width comes out as 595 or 596). Returns the number of pages.
 */
export async function printedOnA4(page: Page): Promise<number> {
  await page.emulateMedia({ media: "print" });
  const pdf = (await page.pdf({ format: "A4", preferCSSPageSize: true })).toString("latin1");
  const boxes = [...pdf.matchAll(/\/MediaBox\s*\[([^\]]*)\]/g)].map((m) => m[1].trim().split(/\s+/).map(Number));
  expect(boxes.length).toBeGreaterThan(0);
  for (const box of boxes) {
    expect(Math.abs(box[2] - box[0] - 595.28), `width ${box}`).toBeLessThan(1);
    expect(Math.abs(box[3] - box[1] - 841.89), `height ${box}`).toBeLessThan(1);
  }
  return pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
}
