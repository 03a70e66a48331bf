import { expect, test } from "./fixtures";
import { printedOnA4, signedInAs } from "./helpers";

// The leading group's Monday page and the year-end summary (today is 2027-04-19): the
// seed's own numbers open their lists; the summary writes itself in both languages and
// prints on A4.

test("the overview shows the school's numbers, each opening its list", async ({ page }) => {
  await signedInAs(page, "leader", "/programme");
  const counts = page.getByTestId("counts");
  // Other specs of this worker add children to the demo school (the HTTP test checks the
  // seed's own 395, 94 and 120 on a fresh one): here the figures must agree with each other.
  const figure = async (key: string) =>
    Number(await counts.locator(`[data-figure="${key}"] .tile-value`).textContent());
  expect(await figure("children")).toBeGreaterThanOrEqual(395);
  const full = await figure("left_behind");
  const half = await figure("half_left_behind");
  expect(full).toBeGreaterThanOrEqual(94);
  expect(half).toBeGreaterThanOrEqual(120);
  expect((await figure("paired")) + (await figure("unpaired"))).toBe(full + half);
  await expect(page.getByTestId("this-month").locator('[data-figure="contacts"] .tile-note')).toContainText("学习");
  await expect(page.locator(".month-chart")).toHaveCount(3);
  await expect(page.locator('.month-chart g[data-month="2027-03"]').first()).toBeAttached();
  await counts.locator('[data-figure="left_behind"]').click();
  await expect(page).toHaveURL(/\/children\?status=full/);
});

test("the year-end summary writes itself in Chinese and English and prints on A4", async ({ page }) => {
  await signedInAs(page, "leader", "/programme");
  await page.getByRole("link", { name: "学年工作总结" }).click();
  const summary = page.getByTestId("summary");
  await expect(summary.locator("h1")).toHaveText("廉江市城南街道深水洞村小学关爱留守儿童工作总结（2026—2027学年）");
  await expect(summary).toContainText(/我校现有学生\d+人，其中留守儿童\d+人、半留守儿童\d+人/);
  await expect(summary.locator("h2")).toHaveCount(9);
  await expect(summary).toContainText("本学年的全校学生免费体检定于4月20日举行");

  const pages = await printedOnA4(page);
  expect(pages).toBeGreaterThan(0);
  expect(pages).toBeLessThanOrEqual(2);
  await page.emulateMedia({ media: "screen" });

  await page.goto("/lang/en?next=" + encodeURIComponent("/programme/summary?year=2026"));
  await expect(summary.locator("h1")).toContainText("caring for left-behind children, 2026–2027");
  await expect(summary).toContainText(/Our school has \d+ pupils, \d+ of them left behind and \d+ half left behind\./);
});
