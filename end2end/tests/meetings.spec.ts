import { expect, test, type Page } from "./fixtures";
import { signedInAs } from "./helpers";

// Meetings as they are held (seed §3 and §8). A leader opens a leading-group meeting from
// the list, ticks who came at the door (counted against the leading group, a teacher who
// sat in apart), saves the minutes twice (both drafts kept) and records a practice for the
// demo counselor, who finds it among the open practices on /meetings, marks it done, undoes
// that and marks it done again. At the parents' meeting a household is ticked and the
// school's count of families who came goes up, of all its households, with the class's.
// The leading group's record is refused to a counselor, and the record fits a phone.
// A worker's two projects share one database: each records its own occurrence.
const hydrated = () => test.info().project.name === "hydrated";

/** Opens a meeting from the list on /meetings by its row's text. */
async function openMeeting(page: Page, rowText: string) {
  await signedInAs(page, "leader", "/meetings");
  const row = page.getByTestId("meetings").locator("tbody tr").filter({ hasText: rowText });
  await expect(row).toHaveCount(1);
  await row.getByRole("link").click();
  await page.waitForURL(/\/meetings\/record\?/);
}

const saved = (page: Page) => expect(page.locator(".flash-ok")).toContainText("已保存");

test("a leader records a meeting: attendance, two drafts of the minutes, a practice the counselor marks done", async ({ page }) => {
  test.slow();
  const day = hydrated() ? "2027-04-05" : "2026-10-05";
  await openMeeting(page, `${day} 16:30`);
  await expect(page.locator("h1")).toHaveText("关爱留守儿童工作领导小组例会");
  // A retry adds its own practice rather than finding the first attempt's.
  const practice = `${hydrated() ? "五月前把家访记录补齐" : "十月底前给每个结对孩子过一次生日"}（${test.info().retry + 1}）`;

  // Attendance: the whole leading group ticked at the door, and a teacher who sat in (the
  // other staff are folded away on the group's own meeting).
  const attendance = page.getByTestId("attendance");
  const group = attendance.locator("fieldset").first().locator("input[type=checkbox]");
  const members = await group.count();
  await expect(page.getByTestId("present")).toContainText(`/ ${members} 人`);
  for (const box of await group.all()) await box.check();
  await attendance.locator("details summary").click();
  await attendance.locator("details input[type=checkbox]:not(:checked)").first().check();
  const present = await attendance.locator("input[type=checkbox]:checked").count();
  await page.getByRole("button", { name: "保存签到" }).click();
  await expect(page.getByTestId("present")).toHaveText(`出席 ${members} / ${members} 人 · 另有列席 ${present - members} 人`);
  await saved(page);
  await expect(attendance.locator("input[type=checkbox]:checked")).toHaveCount(present);

  // The minutes, saved twice: both drafts are kept (the summary counts each save).
  const drafts = page.locator(".meeting-part").filter({ has: page.getByTestId("minutes") }).locator("summary");
  const before = (await drafts.count()) ? Number((await drafts.textContent())!.match(/\d+/)![0]) : 0;
  for (const [n, text] of ["一、通报本月结对谈心情况。", "一、通报本月结对谈心情况。\n二、布置家访。"].entries()) {
    await page.getByTestId("minutes").locator("textarea").fill(text);
    await page.getByRole("button", { name: "保存记录" }).click();
    await expect(drafts).toHaveText(`共 ${before + n + 1} 稿`);
  }
  await saved(page);
  await drafts.click();
  await expect(page.locator(".drafts li")).toHaveCount(before + 2);
  await expect(page.getByTestId("minutes").locator("textarea")).toHaveValue(/二、布置家访。/);

  // A practice for the counselor.
  const add = page.getByTestId("add-practice");
  await add.locator('input[name="body"]').fill(practice);
  await add.locator('select[name="owner"]').selectOption({ label: "黄老师" });
  await add.locator('input[name="due"]').fill("2027-05-31");
  await add.getByRole("button", { name: "添加事项" }).click();
  await saved(page);
  const item = page.getByTestId("practices").locator(".practice").filter({ hasText: practice });
  await expect(item).toHaveAttribute("data-done", "false");
  await expect(item).toContainText("黄老师");
  const record = page.url();

  // The list shows the occurrence as recorded.
  await page.goto("/meetings");
  const row = page.getByTestId("meetings").locator("tbody tr").filter({ hasText: `${day} 16:30` });
  await expect(row).toContainText(`出席 ${present} 人`);
  await expect(row).toContainText("已记录");

  // The counselor finds it among the open practices and marks it done; a tap too soon is
  // undone from the practices just marked done, and it is marked done again.
  await signedInAs(page, "counselor", "/meetings");
  const open = page.getByTestId("open-practices").locator(".practice").filter({ hasText: practice });
  await expect(open).toHaveAttribute("data-done", "false");
  await open.getByRole("button", { name: "标为已落实" }).click();
  await saved(page);
  await expect(open).toHaveCount(0);
  const justDone = page.getByTestId("recently-done").locator(".practice").filter({ hasText: practice });
  await expect(justDone).toHaveAttribute("data-done", "true");
  await justDone.getByRole("button", { name: "撤销" }).click();
  await saved(page);
  await expect(justDone).toHaveCount(0);
  await open.getByRole("button", { name: "标为已落实" }).click();
  await saved(page);
  await expect(open).toHaveCount(0);

  // The leader sees it done on the record.
  await signedInAs(page, "leader", new URL(record).pathname + new URL(record).search);
  const done = page.getByTestId("practices").locator(".practice").filter({ hasText: practice });
  await expect(done).toHaveAttribute("data-done", "true");
  await expect(done).toContainText("已落实");
});

test("the families who came to the parents' meeting are ticked by household and counted", async ({ page }) => {
  await openMeeting(page, "留守儿童家长会");
  // Each project ticks in a class of its own.
  await page.locator('select[name="class"]').selectOption({ index: hydrated() ? 1 : 0 });
  await page.getByRole("button", { name: "显示", exact: true }).click();
  await page.waitForURL(/class=/);
  const total = page.getByTestId("families-total");
  const [before, households] = (await total.textContent())!.match(/\d+/g)!.map(Number);
  expect(households).toBeGreaterThan(before);
  const inClass = page.getByTestId("class-families");
  const [classBefore, classHouseholds] = (await inClass.textContent())!.match(/(\d+)\/(\d+)/)!.slice(1).map(Number);
  const families = page.getByTestId("families");
  await expect(families.locator("input[type=checkbox]")).toHaveCount(classHouseholds);
  const unticked = families.locator("input[type=checkbox]:not(:checked)").first();
  const child = (await unticked.getAttribute("value"))!;
  await unticked.check();
  await page.getByRole("button", { name: "保存到会家庭" }).click();
  await expect(total).toHaveText(`全校到会 ${before + 1} 户（共 ${households} 户）`);
  await expect(inClass).toContainText(`${classBefore + 1}/${classHouseholds} 户到会`);
  await saved(page);
  await expect(families.locator(`input[value="${child}"]`)).toBeChecked();
});

test("a counselor may not open the leading group's record, and the record fits a phone", async ({ page }) => {
  // The leader's list has the March meeting; the counselor's does not, and its address
  // answers 403.
  await signedInAs(page, "leader", "/meetings");
  const leading = page.getByTestId("meetings").locator("tbody tr").filter({ hasText: "2027-03-01" });
  await expect(leading).toHaveCount(1);
  const href = (await leading.getByRole("link").getAttribute("href"))!;
  await signedInAs(page, "counselor", "/meetings");
  await page.waitForURL(/\/meetings$/);
  await expect(page.getByTestId("meetings").first()).toBeVisible();
  await expect(page.getByTestId("meetings").locator("tbody tr").filter({ hasText: "2027-03-01" })).toHaveCount(0);
  const response = await page.goto(href);
  expect(response!.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("无权访问");
  await expect(page.getByTestId("attendance")).toHaveCount(0);
  await expect(page.getByTestId("minutes")).toHaveCount(0);

  // The seminar the counselor spoke at, on a 360 px phone.
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto("/meetings");
  const seminar = page.getByTestId("meetings").locator("tbody tr").filter({ hasText: "结对帮扶经验交流研讨会" });
  await seminar.getByRole("link").click();
  await page.waitForURL(/\/meetings\/record\?/);
  await expect(page.getByTestId("minutes")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("a meeting on the calendar leads to its record", async ({ page }) => {
  await signedInAs(page, "counselor", "/calendar?view=month&date=2027-04-01");
  const symposium = page.locator('td[data-date="2027-04-28"]').getByRole("link", { name: "关爱留守儿童工作座谈会" });
  await symposium.click();
  await page.waitForURL(/\/meetings\/record\?/);
  await expect(page.locator("h1")).toHaveText("关爱留守儿童工作座谈会");
  await expect(page.getByTestId("attendance")).toBeVisible();
  // The leading group's meeting is on the counselor's calendar, without its record.
  await page.goto("/calendar?view=month&date=2027-03-01");
  const leading = page.locator('td[data-date="2027-03-01"] [data-category="meeting"]');
  await expect(leading).toContainText("关爱留守儿童工作领导小组例会");
  await expect(leading.locator('a[href^="/meetings/record"]')).toHaveCount(0);

  // On a phone the agenda lists the titles, and they lead there too.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/calendar?view=agenda&date=2027-04-26");
  await page.locator('.agenda-day[data-date="2027-04-28"]').getByRole("link", { name: "关爱留守儿童工作座谈会" }).click();
  await page.waitForURL(/\/meetings\/record\?/);
  await expect(page.locator("h1")).toHaveText("关爱留守儿童工作座谈会");
});
