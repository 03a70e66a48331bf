import { expect, test } from "./fixtures";
import { signedInAs } from "./helpers";

// The leading group's Monday page and the year-end summary (today is 2027-04-19): the
// seed's own numbers open their lists; the summary writes itself in both languages and
// prints on A4.

test("the overview shows the school's numbers, each opening its list", async ({ page }) => {
  await signedInAs(page, "leader", "/programme");
  const counts = page.getByTestId("counts");
  await expect(counts.locator('[data-figure="children"] .tile-value')).toHaveText("395");
  await expect(counts.locator('[data-figure="left_behind"] .tile-value')).toHaveText("94");
  await expect(counts.locator('[data-figure="half_left_behind"] .tile-value')).toHaveText("120");
  const paired = Number(await counts.locator('[data-figure="paired"] .tile-value').textContent());
  const unpaired = Number(await counts.locator('[data-figure="unpaired"] .tile-value').textContent());
  expect(paired + unpaired).toBe(94 + 120);
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
  await expect(summary).toContainText("我校现有学生395人，其中留守儿童94人、半留守儿童120人");
  await expect(summary.locator("h2")).toHaveCount(9);
  await expect(summary).toContainText("本学年的全校学生免费体检定于4月20日举行");

  await page.emulateMedia({ media: "print" });
  const pdf = (await page.pdf({ format: "A4", preferCSSPageSize: true })).toString("latin1");
  const box = pdf.match(/\/MediaBox\s*\[([^\]]*)\]/)![1].trim().split(/\s+/).map(Number);
  expect(Math.round(box[2])).toBe(595);
  expect(Math.round(box[3])).toBe(842);
  expect(pdf.match(/\/Type\s*\/Page[^s]/g)!.length).toBeLessThanOrEqual(2);
  await page.emulateMedia({ media: "screen" });

  await page.goto("/lang/en?next=" + encodeURIComponent("/programme/summary?year=2026"));
  await expect(summary.locator("h1")).toContainText("caring for left-behind children, 2026–2027");
  await expect(summary).toContainText("Our school has 395 pupils, 94 of them left behind and 120 half left behind.");
});
