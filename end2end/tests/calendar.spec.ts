import { expect, test, type Page } from "./fixtures";
import { signedInAs } from "./helpers";
import { SCHOOL_TODAY } from "./today";

// "Today" as the server was told it (SCHOOL_TODAY), not the machine's clock.
function schoolToday(): string {
  return SCHOOL_TODAY;
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const cell = (page: Page, date: string) => page.locator(`td[data-date="${date}"]`);

test.describe("the month calendar of the demo school", () => {
  test.beforeEach(async ({ page }) => {
    await signedInAs(page, "teacher");
  });

  test("April 2027 shows the checkup day on the 20th and the month's birthdays, in Chinese", async ({ page }) => {
    await page.goto("/calendar?view=month&date=2027-04-01");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(heading(page)).toHaveText("2027年4月");

    // Monday first, as Chinese calendars print it.
    const weekdays = page.locator("table.month-grid thead th");
    await expect(weekdays.first()).toHaveText("一");
    await expect(weekdays.last()).toHaveText("日");
    await expect(page.locator("tbody td").first()).toHaveAttribute("data-date", "2027-03-29");

    const checkup = cell(page, "2027-04-20").locator('[data-category="checkup"]');
    await expect(checkup).toContainText("免费体检日");

    const birthdays = page.locator('td[data-date^="2027-04-"] [data-category="birthday"]', { hasText: "岁生日" });
    expect(await birthdays.count()).toBeGreaterThan(10);
    await expect(cell(page, "2027-04-20")).toHaveAttribute("aria-label", /2027年4月20日 星期二/);
  });

  test("previous, next and today move between months and the URL follows", async ({ page }) => {
    await page.goto("/calendar?view=month&date=2027-04-01");
    await page.evaluate(() => ((window as any).__stillTheSamePage = true));

    await page.getByRole("link", { name: "下个月" }).click();
    await expect(heading(page)).toHaveText("2027年5月");
    await expect(page).toHaveURL(/date=2027-05-01/);
    await expect(cell(page, "2027-05-07")).toContainText("母亲节书信比赛");
    // May 2027 runs Monday Apr 26 to Sunday Jun 6: six whole weeks, every entry inside its day.
    await expect(page.locator("tbody td")).toHaveCount(42);
    await expect(page.locator("tbody td > li")).toHaveCount(0);

    // Each tap once the month it was made for is shown: a link tapped before the page
    // changed still leads where it led (to April, twice).
    await page.getByRole("link", { name: "上个月" }).click();
    await expect(heading(page)).toHaveText("2027年4月");
    await page.getByRole("link", { name: "上个月" }).click();
    await expect(heading(page)).toHaveText("2027年3月");
    await expect(page).toHaveURL(/date=2027-03-01/);

    await page.goBack();
    await expect(heading(page)).toHaveText("2027年4月");

    await page.getByRole("link", { name: "今天" }).click();
    const today = schoolToday();
    const [year, month] = today.split("-").map(Number);
    await expect(heading(page)).toHaveText(`${year}年${month}月`);
    await expect(cell(page, today)).toHaveAttribute("aria-current", "date");

    const samePage = await page.evaluate(() => (window as any).__stillTheSamePage === true);
    // Hydrated: the islands router swapped the content in place. Without JavaScript: plain page loads.
    expect(samePage).toBe(test.info().project.name === "hydrated");
  });

  test("a leap-day birthday is kept on February 28 in 2027", async ({ page }) => {
    await page.goto("/calendar?view=month&date=2027-02-01");
    const day = cell(page, "2027-02-28");
    await expect(day.locator('[data-category="birthday"]', { hasText: "11岁生日" }).first()).toBeAttached();
    await expect(cell(page, "2027-02-29")).toHaveCount(0);
  });

  test("a crowded day folds the rest under +N more", async ({ page }) => {
    await page.goto("/calendar?view=month&date=2027-04-01");
    const crowded = page.locator("td.day:has(details.more)").first();
    await expect(crowded.locator(":scope > ul.items > li")).toHaveCount(3);
    const summary = crowded.locator("details.more > summary");
    await expect(summary).toHaveText(/还有\d+项/);
    await summary.click();
    await expect(crowded.locator("details.more li").first()).toBeVisible();
  });

  test("English is one click away and stays chosen", async ({ page }) => {
    await page.goto("/calendar?view=month&date=2027-04-01");
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(heading(page)).toHaveText("April 2027");
    await expect(page).toHaveURL(/\/calendar\?view=month&date=2027-04-01$/);
    await expect(cell(page, "2027-04-20").locator('[data-category="checkup"]')).toContainText("免费体检日");
    await expect(page.locator('td[data-date^="2027-04-"] [data-category="birthday"]', { hasText: "turns" }).first()).toBeAttached();

    await page.reload();
    await expect(heading(page)).toHaveText("April 2027");
    await page.getByRole("link", { name: "Next month" }).click();
    await expect(heading(page)).toHaveText("May 2027");

    await page.getByTestId("language-switch").click();
    await expect(heading(page)).toHaveText("2027年5月");
  });

  test("a first visit from an English browser is in English", async ({ browser }) => {
    const context = await browser.newContext({
      locale: "en-US", // Chromium then sends Accept-Language: en-US
      javaScriptEnabled: test.info().project.use.javaScriptEnabled,
    });
    const page = await context.newPage();
    await page.goto("/calendar?view=month&date=2027-04-01");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(heading(page)).toHaveText("Sign in");
    await context.close();
  });

  test("a bad date gets a clear message, not a broken page", async ({ page }) => {
    await page.goto("/calendar?view=month&date=2027-02-30");
    await expect(page.getByRole("alert")).toContainText("日期无效");
    await page.getByRole("link", { name: "返回活动日历" }).click();
    await expect(heading(page)).toBeVisible();
  });
});
