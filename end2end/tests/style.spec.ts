// The style sheet rides inside a browser's first page and is linked from its kept copy after
// that (issue 17, app/src/site_style.rs): the page is drawn styled either way, the CSP lets
// the inline sheet in, and a page of one form followed by one of the other stays styled.
import { expect, test, type Page } from "./fixtures";
import { DEMO_PASSWORD } from "./helpers";

const sheet = (page: Page) => page.locator('head link[rel="stylesheet"]');
const inline = (page: Page) => page.locator("head style");

/** The header drawn by the app's sheet: white on the accent colour, not the browser's black. */
async function expectStyled(page: Page) {
  await expect(page.locator(".site-header")).toHaveCSS("color", "rgb(255, 255, 255)");
  await expect(page.locator(".site-header")).not.toHaveCSS("background-color", "rgba(0, 0, 0, 0)");
}

test("a first visit is drawn with the sheet inside the page, and the next pages link the one it fetched", async ({ page, context }) => {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") refused.push(message.text());
  });
  await page.goto("/login");
  await expectStyled(page);
  await expect(sheet(page)).toHaveAttribute("media", "print");
  expect((await inline(page).textContent())!.length).toBeGreaterThan(1000);
  // The print-only link fetched the sheet for later, and its answer said so.
  await expect.poll(async () => (await context.cookies()).some((c) => c.name === "hopehome_style")).toBe(true);

  // Signing in goes on to the calendar (through the islands router where it runs): the sheet
  // is linked now, for the screen, and nothing is left inside the page.
  await page.getByLabel("用户名", { exact: true }).fill("teacher");
  await page.getByLabel("密码", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("user-menu")).toBeVisible();
  await expect(sheet(page)).toHaveAttribute("media", "all");
  // One blank text node, as the inline form has one text node: the same nodes for the router.
  expect(await inline(page).evaluate((s) => [s.childNodes.length, s.textContent])).toEqual([1, " "]);
  await expectStyled(page);
  await page.reload();
  await expect(sheet(page)).toHaveAttribute("media", "all");
  await expectStyled(page);
  expect(refused, "no style refused by the CSP, no other error").toEqual([]);
});
