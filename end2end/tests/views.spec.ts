import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signedInAs } from "./helpers";

const heading = (page: import("@playwright/test").Page) => page.getByRole("heading", { level: 1 });

test.describe("week, day and agenda views and filters", () => {
  test.beforeEach(async ({ page }) => {
    await signedInAs(page, "teacher", "/calendar?view=month&date=2027-04-01");
  });

  test("the view switch keeps the date and the URL says which view", async ({ page }) => {
    await page.getByRole("link", { name: "周", exact: true }).click();
    await expect(page).toHaveURL(/view=week&date=2027-04-01/);
    await expect(heading(page)).toHaveText("2027年3月29日 – 4月4日");
    await expect(page.locator(".tg-column")).toHaveCount(7);

    // Each tap once the week it was made for is shown (a link tapped before the page
    // changed still leads where it led).
    await page.getByRole("link", { name: "下一页" }).click();
    await expect(heading(page)).toHaveText("2027年4月5日 – 4月11日");
    await page.getByRole("link", { name: "下一页" }).click();
    await expect(heading(page)).toHaveText("2027年4月12日 – 4月18日");
    await page.getByRole("link", { name: "下一页" }).click();
    await expect(heading(page)).toHaveText("2027年4月19日 – 4月25日");
    const tuesday = page.locator('.tg-column[data-date="2027-04-20"]');
    await expect(tuesday.locator(".tg-allday")).toContainText("免费体检日");
    await expect(tuesday.locator(".timed")).toContainText("篮球兴趣小组");

    await tuesday.locator(".tg-head").click();
    await expect(page).toHaveURL(/view=day&date=2027-04-20/);
    await expect(heading(page)).toHaveText("2027年4月20日 星期二");
    await expect(page.locator(".tg-column")).toHaveCount(1);

    await page.getByRole("link", { name: "列表" }).click();
    await expect(page).toHaveURL(/view=agenda&date=2027-04-20/);
    const first = page.locator(".agenda-day").first();
    await expect(first).toHaveAttribute("data-date", "2027-04-20");
    await expect(first).toContainText("免费体检日");
    await expect(first).toContainText("学校卫生室");

    await page.goBack();
    await expect(heading(page)).toHaveText("2027年4月20日 星期二");
  });

  test("a category chip narrows the calendar and the filter stays while moving", async ({ page }) => {
    await page.locator('[data-category-filter="checkup"]').click();
    await expect(page).toHaveURL(/cat=checkup/);
    await expect(page.locator('table.month-grid [data-category="activity"]')).toHaveCount(0);
    await expect(page.locator('table.month-grid [data-category="birthday"]')).toHaveCount(0);
    await expect(page.locator('td[data-date="2027-04-20"] [data-category="checkup"]')).toBeVisible();

    await page.getByRole("link", { name: "下个月" }).click();
    await expect(page).toHaveURL(/date=2027-05-01&cat=checkup/);
    await expect(page.locator('table.month-grid [data-category="thematic"]')).toHaveCount(0);
  });

  test("the group filter shows one interest group's sessions", async ({ page }) => {
    await page.getByLabel("兴趣小组").selectOption({ label: "书法兴趣小组" });
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(/group=\d+/);
    const activities = page.locator('table.month-grid [data-category="activity"]');
    await expect(activities.first()).toBeAttached();
    // Waits for the filtered month: with scripts the address changes before the grid does.
    await expect(activities.filter({ hasNotText: "书法兴趣小组" })).toHaveCount(0);
    await expect(activities.first()).toContainText("书法兴趣小组");
  });
});

test.describe("holidays, festivals and lunar dates", () => {
  test("October 2026: National Day off, the make-up working day, lunar dates, groups skip the holiday", async ({ page }) => {
    await signedInAs(page, "teacher", "/calendar?view=month&date=2026-10-01");
    const oct1 = page.locator('td[data-date="2026-10-01"]');
    await expect(oct1.locator(".badge.rest")).toHaveText("休");
    await expect(oct1.locator(".festival")).toHaveText("国庆节");
    await expect(page.locator('td[data-date="2026-10-10"] .badge.work')).toHaveText("班");
    await expect(page.locator('td[data-date="2026-10-18"] .festival')).toHaveText("重阳节");
    await expect(page.locator('td[data-date="2026-10-13"] .lunar')).toHaveText("初四");
    // The calligraphy group meets on Wednesdays, but not on the holiday.
    await expect(page.locator('td[data-date="2026-10-07"]')).not.toContainText("书法兴趣小组");
    await expect(page.locator('td[data-date="2026-10-14"]')).toContainText("书法兴趣小组");

    await page.locator(".lunar-toggle").click();
    await expect(page).toHaveURL(/lunar=off/);
    await expect(page.locator('td[data-date="2026-10-13"] .lunar')).toHaveCount(0);
    await expect(page.locator('td[data-date="2026-10-18"] .festival')).toHaveText("重阳节");
  });
});

test("the admin corrects the holidays and the calendar follows", async ({ page }) => {
  await signedInAs(page, "admin", "/admin/holidays?year=2027");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("2027年 法定节假日与调休");
  await expect(page.locator('tr[data-date="2027-02-06"]')).toContainText("待确认");
  const date = test.info().project.name === "hydrated" ? "2027-02-10" : "2027-02-09";
  const form = page.locator('form[action="/api/admin/holidays/save"]');
  await form.getByLabel("日期").fill(date);
  await form.getByLabel("名称").fill("春节");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toHaveText("已保存");
  await expect(page.locator(`tr[data-date="${date}"]`)).toContainText("已更正");
  await page.goto(`/calendar?view=month&date=${date}`);
  await expect(page.locator(`td[data-date="${date}"] .badge.rest`)).toHaveText("休");
});

/** How many lines the text of `cell` takes on the screen (its words, not the boxes around them). */
const lines = (cell: Locator) =>
  cell.evaluate((el) => {
    const tops = new Set<number>();
    const words = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = words.nextNode(); node; node = words.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
    }
    return tops.size;
  });

test("on a 360 px phone the holidays fit the screen, with no heading or name cut into characters", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signedInAs(page, "admin", "/admin/holidays?year=2027");
  const scroller = page.locator(".table-scroll").filter({ has: page.locator("table.holidays") });
  // The whole row is seen, its remove button too: nothing to scroll sideways.
  expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const row = page.locator('tr[data-date="2027-04-05"]');
  await expect(row.getByRole("button", { name: "移除" })).toBeInViewport();
  // One line each: a column's name, a holiday's name, its status, the button's word.
  for (const name of ["日期", "类型", "名称", "状态"]) expect(await lines(page.locator("table.holidays th", { hasText: name }))).toBe(1);
  expect(await lines(row.locator("td").nth(2))).toBe(1);
  expect(await lines(row.locator("td").nth(3))).toBe(1);
  expect(await lines(row.getByRole("button", { name: "移除" }))).toBe(1);
});

test("on a 360 px phone a meeting's title keeps a few words a line and its kind stays whole", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signedInAs(page, "admin", "/meetings");
  const row = page.getByTestId("meetings").first().locator("tbody tr").filter({ hasText: "领导小组会议" }).first();
  expect(await lines(row.locator("td").nth(1))).toBe(1);
  expect(await lines(row.locator("td").nth(2))).toBe(1);
  // 关爱留守儿童工作领导小组例会 in three lines at most, not fourteen.
  expect(await lines(row.locator("th"))).toBeLessThanOrEqual(3);
  // The table scrolls sideways in its own box; the page does not.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("on a 360 px phone a tap on a day's bars opens the day, where every entry has its name", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signedInAs(page, "counselor", "/calendar?view=month&date=2027-04-01");
  // In the month an entry is a bar of colour, too small to aim at: a tap on it opens its day.
  const item = page.locator('td[data-date="2027-04-20"] .item').first();
  await item.scrollIntoViewIfNeeded();
  const bar = (await item.boundingBox())!;
  expect(bar.height).toBeLessThan(10);
  await page.mouse.click(bar.x + bar.width / 2, bar.y + bar.height / 2);
  await expect(page).toHaveURL(/view=day/);
  await expect(page).toHaveURL(/date=2027-04-20/);
  // There the day's entries are named, the all-day ones too.
  const checkup = page.locator(".tg-allday .item", { hasText: "免费体检日" });
  await expect(checkup).toBeVisible();
  expect((await checkup.boundingBox())!.height).toBeGreaterThan(12);
  expect(await lines(checkup)).toBe(1);
  // A day's + still opens a new event on that day.
  await page.goto("/calendar?view=month&date=2027-04-01");
  await page.locator('td[data-date="2027-04-21"] .add-event').click();
  await expect(page).toHaveURL(/\/calendar\/new\?date=2027-04-21/);
});

test("on a 360 px phone a week shows two groups at one time as one, and +1 opens their day", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signedInAs(page, "counselor", "/calendar?view=week&date=2027-04-19");
  // Wednesday's calligraphy and chess groups meet at 16:00: side by side each would get a
  // character a line. The first is shown across the day, the other behind "+1".
  const wednesday = page.locator('.tg-column[data-date="2027-04-21"] .tg-slots');
  const shown = wednesday.locator(".timed:visible");
  await expect(shown).toHaveCount(1);
  expect(await lines(shown.locator(".item-title"))).toBeLessThanOrEqual(3);
  const more = shown.getByRole("link", { name: "还有1项" });
  await expect(more).toHaveText("+1");
  await more.click();
  await expect(page).toHaveURL(/view=day/);
  await expect(page).toHaveURL(/date=2027-04-21/);
  // The day has room for both, side by side.
  await expect(page.locator(".tg-slots .timed:visible")).toHaveCount(2);
  await expect(page.locator(".tg-beside:visible")).toHaveCount(0);
});

test("on a 360 px phone a child's growth chart is read in letters as large as the page's small print", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signedInAs(page, "leader", "/children");
  // A fifth-year child: measured in each year since the first.
  await page.getByLabel("班级").selectOption({ label: "5年级1班" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/class=\d+/);
  await page.locator(".children-table a").first().click();
  const label = page.locator(".growth-chart svg text").first();
  await label.scrollIntoViewIfNeeded();
  expect((await label.boundingBox())!.height).toBeGreaterThanOrEqual(10);
});

test("on a 360 px phone a tap anywhere on an agenda row opens its entry", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signedInAs(page, "admin", "/calendar?view=agenda&date=2027-04-19");
  const row = page.locator(".agenda .items .item").filter({ has: page.locator("a.item-title") }).first();
  const href = (await row.locator("a.item-title").getAttribute("href"))!;
  const box = (await row.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(40);
  // Its far corner, away from the title's words.
  await page.mouse.click(box.x + box.width - 6, box.y + box.height - 6);
  await page.waitForURL((url) => url.pathname + url.search === href);
});

test("on a 360 px phone the daily check-in shows all six columns, a late call under the child's name", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signedInAs(page, "teacher", "/habits");
  const late = page.locator(".check-in-table th[scope=row] .tag").first();
  await expect(late).toBeVisible();
  const scroller = page.locator(".table-scroll").filter({ has: page.locator("table.check-in-table") });
  expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  // The name's words, not its link's box (whose padding makes it taller for a finger).
  const name = await late
    .locator("xpath=..")
    .locator("a")
    .evaluate((a) => {
      const words = document.createRange();
      words.selectNodeContents(a);
      const { y, height } = words.getBoundingClientRect();
      return { y, height };
    });
  expect((await late.boundingBox())!.y).toBeGreaterThan(name.y + name.height - 1);
  // In English too, whose words for a late call are longer: they wrap under the name.
  await page.goto(`/lang/en?next=${encodeURIComponent("/habits")}`);
  await expect(late).toContainText("without a call");
  expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
});

test("on a 360 px phone the pairing overview keeps each class, status and teacher on one line", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signedInAs(page, "leader", "/care/coverage");
  const cells = page.locator(".coverage tbody tr").first().locator("td, th");
  expect(await cells.count()).toBeGreaterThan(4);
  for (let i = 0; i < 5; i++) expect(await lines(cells.nth(i))).toBe(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("on a 360 px phone a class's chart is a chart, not a wall before the list", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signedInAs(page, "teacher", "/children");
  const chart = (await page.locator(".class-chart svg").boundingBox())!;
  expect(chart.height).toBeLessThan(300);
  await expect(page.locator("table.children-table")).toBeInViewport();
});

test("on an 800 px tablet every link of the admin's menu is in sight", async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 1280 });
  await signedInAs(page, "admin", "/calendar");
  const links = page.locator(".site-nav a");
  expect(await links.count()).toBeGreaterThan(12);
  for (const link of await links.all()) await expect(link).toBeInViewport({ ratio: 1 });
});

test("on a 360 px phone each user is a block, with what they are paired with in sight", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signedInAs(page, "admin", "/admin/users");
  const counselor = page.locator('.users-table tr[data-username="counselor"]');
  const pairings = (await counselor.locator("td").nth(4).boundingBox())!;
  expect(pairings.x + pairings.width).toBeLessThanOrEqual(360);
  await expect(counselor.getByRole("button", { name: "更改角色" })).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("printing the month uses one landscape page", async ({ page }) => {
  await signedInAs(page, "teacher", "/calendar?view=month&date=2027-04-01");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.locator(".filters")).toBeHidden();
  await expect(page.locator("table.month-grid")).toBeVisible();
  const pdf = await page.pdf({ format: "A4", landscape: true, preferCSSPageSize: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBe(1);
});

test.describe("touch and keyboard", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "gestures need the island's script");

  test("a swipe turns the month; a vertical drag does not", async ({ page }) => {
    await signedInAs(page, "teacher", "/calendar?view=month&date=2027-04-01");
    const grid = page.locator(".calendar-gestures");
    await expect(page.locator(".calendar-gestures[data-ready]")).toHaveCount(1);
    const swipe = async (dx: number, dy: number) => {
      const box = (await grid.boundingBox())!;
      const x = box.x + box.width / 2, y = box.y + box.height / 2;
      const init = { pointerType: "touch", isPrimary: true, bubbles: true };
      await grid.dispatchEvent("pointerdown", { ...init, clientX: x, clientY: y });
      await grid.dispatchEvent("pointerup", { ...init, clientX: x + dx, clientY: y + dy });
    };
    await swipe(-200, 10);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("2027年5月");
    await expect(page.locator(".calendar-gestures[data-ready]")).toHaveCount(1);
    // A vertical drag is a scroll: the month stays (the swipe back below proves the
    // island is listening, and it lands on April, not June).
    await swipe(10, -300);
    await swipe(200, 0);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("2027年4月");
  });

  test("arrow keys move through the month grid and Enter opens the day", async ({ page }) => {
    await signedInAs(page, "teacher", "/calendar?view=month&date=2027-04-01");
    // The grid's one tab stop is today (the tests' school day is 2027-04-19).
    const today = page.locator('td[data-date="2027-04-19"]');
    await expect(today).toHaveAttribute("tabindex", "0");
    await expect(page.locator(".calendar-gestures[data-ready]")).toHaveCount(1);
    await today.focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.locator('td[data-date="2027-04-20"]')).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(page.locator('td[data-date="2027-04-27"]')).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/view=day&date=2027-04-27/);
  });
});

test("the admin makes a child's feed for the parents and a phone calendar can read it", async ({ page, request }) => {
  await signedInAs(page, "admin", "/admin/feeds");
  await page.getByLabel("订阅内容").selectOption({ index: 1 });
  await page.getByRole("button", { name: "生成订阅链接" }).click();
  const link = page.locator(".feed-link");
  await expect(link).toContainText("/calendar.ics?token=");
  await expect(page.locator(".feed-webcal")).toHaveAttribute("href", /^webcal:\/\/.+\/calendar\.ics\?token=/);
  await expect(page.locator(".qr svg")).toBeVisible();
  const url = (await link.textContent())!;
  // The secret is on the page, never in the address bar (nor the history).
  const token = new URL(url).searchParams.get("token")!;
  expect(page.url()).not.toContain(token);
  const feed = await request.get(url);
  expect(feed.status()).toBe(200);
  const text = await feed.text();
  expect(text).toContain("BEGIN:VCALENDAR");
  expect(text).toContain("生日");
  expect(text).toContain("免费体检日");
  // Shown once: a reload no longer shows it.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("日历订阅");
  await expect(page.locator(".feed-link")).toHaveCount(0);
});

test.describe("planning events", () => {
  test("a teacher adds a session for their group by tapping a day, then edits it", async ({ page }) => {
    const title = `书法展览 ${test.info().project.name}`;
    await signedInAs(page, "teacher", "/calendar?view=month&date=2027-04-01");
    await page.locator('td[data-date="2027-04-22"] .add-event').click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("新建活动");
    const form = page.locator("form.event-form");
    await form.getByLabel("标题").fill(title);
    await form.getByLabel("类别").selectOption("thematic");
    await expect(form.getByLabel("开始日期")).toHaveValue("2027-04-22");
    // Only what the teacher may plan for: their class, chosen already, and their group.
    await expect(form.getByLabel("对象").locator("option")).toHaveText(["3年级2班", "书法兴趣小组"]);
    await expect(form.getByLabel("对象")).toHaveValue(/^class:/);
    await form.getByLabel("对象").selectOption({ label: "书法兴趣小组" });
    await form.getByRole("button", { name: "保存" }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("2027年4月");
    const item = page.locator('td[data-date="2027-04-22"]').getByRole("link", { name: title });
    await expect(item).toBeVisible();

    await item.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("编辑活动");
    await page.locator("form.event-form").getByLabel("开始日期").fill("2027-04-23");
    await page.locator("form.event-form").getByLabel("结束日期").fill("2027-04-23");
    await page.locator("form.event-form").getByRole("button", { name: "保存" }).click();
    await expect(page.locator('td[data-date="2027-04-23"]').getByRole("link", { name: title })).toBeVisible();
    await expect(page.locator('td[data-date="2027-04-22"]').getByRole("link", { name: title })).toHaveCount(0);
  });

  test("an end before the start is refused with a message and nothing is saved", async ({ page }) => {
    await signedInAs(page, "admin", "/calendar/new?date=2027-04-22");
    const form = page.locator("form.event-form");
    await form.getByLabel("标题").fill("不会保存");
    await form.getByLabel("结束时间").fill("09:00");
    await form.getByRole("button", { name: "保存" }).click();
    await expect(page.getByRole("alert")).toHaveText("结束时间不能早于开始时间");
    await page.goto("/calendar?view=month&date=2027-04-01");
    await expect(page.locator("table.month-grid")).not.toContainText("不会保存");
  });

  test("the editor says what is wrong while it is filled in, with the server's parser", async ({ page }) => {
    test.skip(!test.info().project.use.javaScriptEnabled, "the check runs in the browser");
    await signedInAs(page, "admin", "/calendar/new?date=2027-04-26");
    await expect(page.locator(".form-check[data-ready]")).toHaveCount(1);
    const form = page.locator("form.event-form");
    await form.getByLabel("标题").fill("家访安排");
    const end = form.getByLabel("结束时间");
    await end.fill("09:00");
    await expect(form.getByRole("alert")).toHaveText("结束时间不能早于开始时间");
    await expect(end).toHaveAttribute("aria-invalid", "true");
    // The browser keeps the form until it is right: saving now sends nothing.
    await form.getByRole("button", { name: "保存" }).click();
    await expect(page).toHaveURL(/\/calendar\/new\?date=2027-04-26$/);
    await end.fill("17:30");
    await expect(form.getByRole("alert")).toBeHidden();
    await form.getByLabel("重复截止").fill("2027-04-01");
    await form.locator(`select[name="repeat"]`).selectOption("weekly");
    await expect(form.getByRole("alert")).toHaveText("结束时间不能早于开始时间");
    await expect(form.getByLabel("重复截止")).toHaveAttribute("aria-invalid", "true");
    await form.getByLabel("重复截止").fill("2027-06-30");
    await form.getByRole("button", { name: "保存" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("2027年4月");
  });

  test("a student sees no way to add or edit events", async ({ page }) => {
    await signedInAs(page, "student", "/calendar?view=month&date=2027-04-01");
    await expect(page.locator(".add-event")).toHaveCount(0);
    await expect(page.locator("table.month-grid a.item-title")).toHaveCount(0);
  });
});

test("the leading group makes the month's birthday party in one step, once", async ({ page }) => {
  // Both projects share one server: each plans its own month.
  const [month, friday, party] =
    test.info().project.name === "hydrated" ? ["2027-07-01", "2027-07-30", "7月集体生日会"] : ["2027-06-01", "2027-06-25", "6月集体生日会"];
  await signedInAs(page, "leader", `/calendar?view=month&date=${month}`);
  const form = page.locator("form.celebrate");
  await expect(form.getByLabel("生日会日期")).toHaveValue(friday); // the month's last Friday
  await form.getByRole("button", { name: "为本月生日的留守儿童办集体生日会" }).click();
  await expect(page.locator(`td[data-date="${friday}"]`)).toContainText(party);
  // A second tap (a slow network, a doubt) plans no second party.
  await form.getByRole("button", { name: "为本月生日的留守儿童办集体生日会" }).click();
  await expect(page.getByRole("alert")).toHaveText("这个月的集体生日会已经在日历上了。要改时间，请打开它编辑。");
  await expect(page.locator("table.month-grid").getByText(party)).toHaveCount(1);
});

test("the agenda says how a series repeats, in the user's language", async ({ page }) => {
  await signedInAs(page, "teacher", "/calendar?view=agenda&date=2027-04-19");
  const monday = page.locator('.agenda-day[data-date="2027-04-19"]');
  await expect(monday.locator(".agenda-item", { hasText: "乒乓球兴趣小组" }).locator(".item-repeat")).toHaveText(
    "每周一，至2027年7月2日",
  );
});

test("a yearly rule the agenda cannot put in a phrase is never shown as its code", async ({ page }) => {
  await signedInAs(page, "admin", "/calendar?view=agenda&date=2027-05-03");
  const contest = page.locator('.agenda-day[data-date="2027-05-07"] .agenda-item', { hasText: "母亲节书信比赛" });
  await expect(contest.locator(".item-repeat")).toHaveText("每年5月6日至12日间的星期五");
  await expect(page.locator(".agenda")).not.toContainText("FREQ=");
});

test("a teacher deletes one session of their weekly group and the other weeks stay", async ({ page }) => {
  // Each project deletes a different Wednesday: both run against one server.
  const day = test.info().project.name === "hydrated" ? "2027-05-12" : "2027-05-19";
  await signedInAs(page, "teacher", `/calendar?view=month&date=${day}`);
  await page.locator(`td[data-date="${day}"]`).getByRole("link", { name: "书法兴趣小组" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("编辑活动");
  await expect(page.locator(".occurrence-only")).toContainText(`${day} 16:10`);
  await page.getByRole("button", { name: "只删除这一次" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("2027年5月");
  await expect(page.locator(`td[data-date="${day}"]`)).not.toContainText("书法兴趣小组");
  await expect(page.locator('td[data-date="2027-05-26"]')).toContainText("书法兴趣小组");
});
