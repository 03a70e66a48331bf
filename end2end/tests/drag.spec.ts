import { expect, test, type Locator, type Page } from "./fixtures";
import { signedInAs } from "./helpers";

// Dragging needs the island's script. The tablet project drags with a finger (Chrome's own
// touch input through the DevTools protocol), the desktop project with a mouse. Both use
// one server, so each works on its own days.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "dragging needs the island's script");

/**
 * Waits until the calendar island has its listeners (it marks itself once hydrated) and the
 * router's page change has been painted (until then the view transition takes the input).
 */
async function islandReady(page: Page) {
  await expect(page.locator(".calendar-gestures[data-ready]")).toHaveCount(1);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

async function centre(locator: Locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 12) };
}

/** A finger rests on `from` for `holdMs`, then slides to `to` and lifts. */
async function fingerDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, holdMs = 450) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", points: { x: number; y: number }[]) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points });
  await touch("touchStart", [from]);
  await page.waitForTimeout(holdMs);
  const steps = 8;
  for (let i = 1; i <= steps; i++) {
    await touch("touchMove", [{ x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps }]);
  }
  await touch("touchEnd", []);
  await cdp.detach();
}

async function mouseDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / 8, from.y + ((to.y - from.y) * i) / 8);
  }
  await page.mouse.up();
}

/** The calligraphy group's id, from the calendar's group filter. */
async function groupId(page: Page) {
  await page.goto("/calendar");
  return page.locator('select[name="group"] option', { hasText: "书法兴趣小组" }).getAttribute("value");
}

const column = (page: Page, date: string) => page.locator(`.tg-column[data-date="${date}"]`);
const session = (page: Page, date: string) => column(page, date).locator(".timed", { hasText: "书法兴趣小组" });

test.describe("on the tablet, by touch", () => {
  test.skip(({ hasTouch }) => !hasTouch, "touch only");

  test("a teacher moves one weekly session to Thursday and the other weeks stay", async ({ page }) => {
    await signedInAs(page, "teacher", "/calendar?view=week&date=2026-12-07");
    await islandReady(page);
    await expect(session(page, "2026-12-09")).toBeVisible();
    const from = await centre(session(page, "2026-12-09"));
    const thursday = (await column(page, "2026-12-10").boundingBox())!;
    await fingerDrag(page, from, { x: thursday.x + thursday.width / 2, y: from.y });

    const dialog = page.getByRole("dialog", { name: "移动重复活动" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("2026-12-10 16:10");
    await dialog.getByRole("button", { name: "仅这一次" }).click();

    await expect(page).toHaveURL(/view=week&date=2026-12-07/);
    await expect(session(page, "2026-12-10")).toBeVisible();
    await expect(session(page, "2026-12-09")).toHaveCount(0);
    // The week before and the week after keep their Wednesday session.
    await page.goto("/calendar?view=week&date=2026-12-14");
    await expect(session(page, "2026-12-16")).toBeVisible();
    await page.goto("/calendar?view=week&date=2026-11-30");
    await expect(session(page, "2026-12-02")).toBeVisible();
  });

  test("in the month, a session dragged to Friday with 'this and following' moves the rest of the term", async ({ page }) => {
    await signedInAs(page, "teacher");
    // Only the group's sessions, so the month cell shows them without folding.
    await page.goto("/calendar?view=month&date=2027-01-01&group=" + (await groupId(page)));
    await islandReady(page);
    const item = page.locator('td[data-date="2027-01-13"] [data-drag]', { hasText: "书法兴趣小组" });
    const from = await centre(item);
    const friday = await centre(page.locator('td[data-date="2027-01-15"]'));
    await fingerDrag(page, from, friday);
    const dialog = page.getByRole("dialog", { name: "移动重复活动" });
    await expect(dialog).toContainText("2027-01-15 16:10");
    await dialog.getByRole("button", { name: "这一次及以后" }).click();

    const on = (day: string) => page.locator(`td[data-date="${day}"] .item`, { hasText: "书法兴趣小组" });
    await expect(on("2027-01-15")).toBeVisible();
    await expect(on("2027-01-22")).toBeVisible();
    await expect(on("2027-01-13")).toHaveCount(0);
    await expect(on("2027-01-20")).toHaveCount(0);
    await expect(on("2027-01-06")).toBeVisible();
  });

  test("a quick finger movement over an event scrolls or swipes, it never drags", async ({ page }) => {
    await signedInAs(page, "teacher", "/calendar?view=week&date=2026-12-21");
    await islandReady(page);
    const from = await centre(session(page, "2026-12-23"));
    // No rest before moving: the browser's own gesture.
    await fingerDrag(page, from, { x: from.x, y: from.y - 150 }, 0);
    await expect(page.getByRole("dialog", { name: "移动重复活动" })).toBeHidden();
    await expect(session(page, "2026-12-23")).toBeVisible();
  });
});

test.describe("on a desktop, with a mouse", () => {
  test.skip(({ hasTouch }) => hasTouch, "mouse only");

  test("an admin drags a single event to another day, then makes it longer", async ({ page }) => {
    await signedInAs(page, "admin", "/calendar/new?date=2026-12-15");
    await page.getByLabel("标题").fill("期末家长会");
    await page.getByLabel("类别").selectOption("meeting");
    await page.getByLabel("开始时间").fill("09:00");
    await page.getByLabel("结束时间").fill("10:00");
    await page.getByRole("button", { name: "保存" }).click();
    // Saved (the form leaves for the calendar) before the week is asked for: a week asked
    // for while the save is still being written shows the calendar without it.
    await page.waitForURL((url) => url.pathname !== "/calendar/new");
    await page.goto("/calendar?view=week&date=2026-12-14");
    await islandReady(page);
    const meeting = column(page, "2026-12-15").locator(".timed", { hasText: "期末家长会" });
    const from = await centre(meeting);
    const friday = (await column(page, "2026-12-18").boundingBox())!;
    await mouseDrag(page, from, { x: friday.x + friday.width / 2, y: from.y });
    // A single event is saved at once: no question to answer.
    const moved = column(page, "2026-12-18").locator(".timed", { hasText: "期末家长会" });
    await expect(moved).toBeVisible();
    await expect(moved).toContainText("09:00–10:00");
    await islandReady(page);

    const handle = moved.locator("[data-resize]");
    const edge = (await handle.boundingBox())!;
    const start = { x: edge.x + edge.width / 2, y: edge.y + edge.height / 2 };
    const slot = (await page.locator(".tg-column .tg-slots").first().boundingBox())!.height / 26;
    await mouseDrag(page, start, { x: start.x, y: start.y + 2 * slot });
    await expect(column(page, "2026-12-18").locator(".timed", { hasText: "期末家长会" })).toContainText("09:00–11:00");
  });

  test("dragging across empty time in the day view opens a new event for those hours", async ({ page }) => {
    await signedInAs(page, "counselor", "/calendar?view=day&date=2026-12-19");
    await islandReady(page);
    const slots = column(page, "2026-12-19").locator(".tg-slots");
    const box = (await slots.boundingBox())!;
    const slot = box.height / 26;
    // 09:00 is the fifth half-hour from 07:00; down to the 10:30 slot.
    const x = box.x + box.width / 2;
    await mouseDrag(page, { x, y: box.y + 4.5 * slot }, { x, y: box.y + 7.5 * slot });
    await expect(page).toHaveURL(/\/calendar\/new\?date=2026-12-19&start=09:00&end=11:00/);
    await expect(page.getByLabel("开始时间")).toHaveValue("09:00");
    await expect(page.getByLabel("结束时间")).toHaveValue("11:00");
  });
});
