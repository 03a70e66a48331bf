import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext } from "@playwright/test";
import { expect, test, type Page } from "./fixtures";
import { signedInAs } from "./helpers";

type SignedIn = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** The admin signed in once per worker: each test of every page then opens only its page
 * (signing in for each of them was half of this file's time). */
const asAdmin = test.extend<{}, { adminSession: SignedIn }>({
  adminSession: [
    async ({ browser, server }, use) => {
      const context = await browser.newContext({ baseURL: server.baseURL, locale: "zh-CN" });
      await signedInAs(await context.newPage(), "admin", "/calendar");
      await use(await context.storageState());
      await context.close();
    },
    { scope: "worker" },
  ],
  storageState: async ({ adminSession }, use) => {
    await use(adminSession);
  },
});

/** The admin's page at `path`, signed in (not turned away to the sign-in page). */
async function openAsAdmin(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByTestId("user-menu")).toBeVisible();
}

// axe-core (WCAG 2.1 A and AA rules) on the calendar's four views and the editor, as a
// teacher sees them: with the events they may drag and edit.
// axe runs as a script in the page; the markup is the same without JavaScript.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe needs the page's script engine");
// The longest file of the suite (axe on every page, twice): its tests are shared between the
// workers, not run one after another in one of them. None of them writes.
test.describe.configure({ mode: "parallel" });

const pages = [
  ["month", "/calendar?view=month&date=2027-04-01"],
  ["week", "/calendar?view=week&date=2027-04-19"],
  ["day", "/calendar?view=day&date=2027-04-21"],
  ["agenda", "/calendar?view=agenda&date=2027-04-01"],
  ["editor", "/calendar/new?date=2027-04-22"],
] as const;

for (const [name, path] of pages) {
  test(`the ${name} view has no accessibility violations`, async ({ page }) => {
    await signedInAs(page, "teacher", path);
    expect(await violations(page)).toEqual([]);
  });
}

/** What axe finds against WCAG 2.1 A and AA, 2.2 AA (the target size), and axe's best practices (menus named apart,
 * headings in order, no empty column header, a level-one heading), on the page as it is now.
 *
 * Run in one go in the page (`setLegacyMode`: the pages have no frames to reach across),
 * asking for violations only: axe then describes only the elements that fail. The default
 * runs each frame's part apart and describes every element it looked at, passes too, before
 * it drops them. This file's tests took 126 s instead of 196 s of test time (the 395-child
 * list 4.8 s instead of 9.8 s); the contrast rule is most of what is left. */
async function violations(page: Page) {
  return found(page, (axe) => axe.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]));
}

/** Only WCAG 2.2's target size: what a finger misses on a phone. */
async function smallTargets(page: Page) {
  return found(page, (axe) => axe.withRules(["target-size"]));
}

async function found(page: Page, rules: (axe: AxeBuilder) => AxeBuilder) {
  // Seen from the page's end, where a sticky bar (the check-in's save button) rests in its
  // own place: scrolled, it lies over whichever row is under it, and the target size rule
  // cannot know the row scrolls out from under it.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  // `options` replaces every option set before it (the tags' `runOnly` too): it comes first.
  const results = await rules(new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).setLegacyMode()).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

// The check itself can fail: a picture without its words and a nameless field put into a
// real page are found.
test("axe, as these tests run it, finds what a page gets wrong", async ({ page }) => {
  await signedInAs(page, "teacher", "/calendar?view=month&date=2027-04-01");
  await page.evaluate(() => {
    const main = document.querySelector("main")!;
    main.insertAdjacentHTML("beforeend", '<img src="/favicon.svg"><input type="text">');
  });
  const found = (await violations(page)).map((v) => v.split(":")[0]);
  expect(found).toEqual(expect.arrayContaining(["image-alt", "label"]));
});

test("the agenda on a 360 px phone has no accessibility violations, and its rows are whole", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signedInAs(page, "teacher", "/calendar?view=agenda&date=2027-04-19");
  const row = page.locator(".agenda-item").first();
  await expect(row.locator(".item-time")).toBeVisible();
  expect((await row.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect(await violations(page)).toEqual([]);
});

// The checkup day's pages, as the admin sees them: the day, the follow-up list, one
// child's entry screen and a child's file with the growth chart.
for (const [name, path] of [["checkup day", "/checkup/2027"], ["follow-up list", "/follow-ups"]] as const) {
  test(`the ${name} page has no accessibility violations`, async ({ page }) => {
    await signedInAs(page, "admin", path);
    expect(await violations(page)).toEqual([]);
  });
}

test("the checkup entry screen has no accessibility violations", async ({ page }) => {
  await signedInAs(page, "admin", "/checkup/2027");
  await page.locator(".slot-child").first().click();
  await expect(page.locator("form.entry-form")).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test("a child's file with the growth chart has no accessibility violations", async ({ page }) => {
  await signedInAs(page, "admin", "/children");
  await page.getByLabel("班级").selectOption({ label: "5年级1班" });
  await page.getByRole("button", { name: "筛选" }).click();
  // The class's list first: a child tapped in the whole school's list while the filter
  // comes is overtaken by it (and may have no checkups to chart).
  await expect(page).toHaveURL(/class=\d+/);
  await page.locator(".children-table a").first().click();
  await expect(page.locator(".growth-chart svg")).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

// Every page of the app, in both languages, as the admin (who may open them all).
const everyPage = [
  "/account/password",
  "/calendar/event/5",
  "/calendar/import",
  "/checkup",
  "/children",
  "/children/new",
  "/children/1",
  "/children/1/edit",
  "/children/cards?class=1",
  "/children/import",
  "/care",
  "/care/coverage",
  "/care/child/1",
  "/habits",
  "/habits/child/1",
  "/awards",
  "/habits/overview",
  "/awards/nominate/1",
  "/assessment?period=2027-03",
  // The demo counselor's sheet (the third account the seed makes).
  "/assessment/sheet/3/2027-03",
  "/assessment/scheme",
  "/assessment/inspections?period=2027-03",
  "/programme",
  "/programme/summary",
  "/family/desk/1",
  "/funds?year=2027",
  "/funds/donors",
  "/funds/aid",
  "/funds/public?year=2027",
  "/meetings",
  // The parents' meeting before the Spring Festival: attendance, families, minutes, practices.
  "/meetings/record?event=21&at=2027-01-23T09%3A00%3A00",
  "/admin/users",
  "/admin/audit",
  "/admin/holidays?year=2027",
  "/admin/feeds",
  "/admin/school",
] as const;

for (const lang of ["zh-CN", "en"] as const) {
  for (const path of everyPage) {
    asAdmin(`${path} (${lang}) has no accessibility violations`, async ({ page }) => {
      await openAsAdmin(page, `/lang/${lang}?next=${encodeURIComponent(path)}`);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      expect(await violations(page)).toEqual([]);
    });
  }

  test(`the sign-in page with its error (${lang}) has no accessibility violations`, async ({ page }) => {
    await page.goto(`/lang/${lang}?next=${encodeURIComponent("/login")}`);
    await page.locator('input[name="username"]').fill("admin");
    await page.locator('input[name="password"]').fill("not the password");
    await page.locator('form[action="/api/auth/login"] button[type="submit"]').click();
    await expect(page.getByRole("alert")).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });

  test(`the editor showing a problem (${lang}) has no accessibility violations`, async ({ page }) => {
    await signedInAs(page, "admin", "/calendar");
    await page.goto(`/lang/${lang}?next=${encodeURIComponent("/calendar/new?date=2027-04-22")}`);
    await expect(page.locator(".form-check[data-ready]")).toHaveCount(1);
    const form = page.locator("form.event-form");
    await form.locator('input[name="end_time"]').fill("00:01");
    await expect(form.getByRole("alert")).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}

for (const path of ["/diary", "/habits/mine"]) {
  test(`a student's own ${path} has no accessibility violations and fits a 360 px phone`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signedInAs(page, "student", path);
    expect(await violations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
}

// On a 360 px phone (a parent's, or a teacher's own) no page is wider than the screen:
// the menu scrolls sideways in its own row, forms and file pickers shrink to fit.
test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  for (const path of ["/calendar?view=month&date=2027-04-01", ...everyPage, "/checkup/2027", "/follow-ups"]) {
    asAdmin(`${path} fits the screen, every target a finger's size`, async ({ page }) => {
      await openAsAdmin(page, path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await smallTargets(page)).toEqual([]);
    });
  }
});
