import { expect, test } from "./fixtures";
import { signedInAs } from "./helpers";
import { SCHOOL_TODAY } from "./today";

// The five ones on the class tablet (today is 2027-04-19, a Monday). The demo teacher 张老师
// has class 3-2; the student account is its first pupil, who has done a chore every school
// day of the term; some of the demo counselor's children have not called home for weeks. A
// worker's two projects share one database: each checks in a day of its own.
const hydrated = () => test.info().project.name === "hydrated";

/** School days from the first day of the spring term to yesterday: weekdays, less Qingming. */
function schoolDaysSoFar(): number {
  let n = 0;
  for (let d = new Date("2027-02-22T00:00:00Z"); d < new Date(`${SCHOOL_TODAY}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6 && d.toISOString().slice(0, 10) !== "2027-04-05") n++;
  }
  return n;
}

test("a teacher checks in the whole class on the tablet with one save", async ({ page }) => {
  // A day of its own for each project (today is the student's, below).
  const day = hydrated() ? "2027-04-16" : "2027-04-15";
  await signedInAs(page, "teacher", `/habits?day=${day}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("五个一 · 每日打卡 · 3年级2班");
  const rows = page.locator(".check-in-table tbody tr");
  const size = await rows.count();
  expect(size).toBeGreaterThanOrEqual(30);

  // Everyone says they did a chore: one tap for the class.
  await page.getByRole("button", { name: "全班都完成了家务" }).click();
  await expect(page.locator(".flash-ok")).toContainText("已保存");
  const chores = page.locator('.check-in-table input[value$=":chore"]');
  await expect(chores.and(page.locator(":checked"))).toHaveCount(size);

  // Two did not; every child wrote the diary but the one who is ill; one called home.
  const first = await rows.nth(0).locator("th a").textContent();
  const ill = await rows.nth(2).locator("th a").textContent();
  await page.getByLabel(`${first} · 家务`).uncheck();
  await page.getByLabel(`${await rows.nth(1).locator("th a").textContent()} · 家务`).uncheck();
  for (let i = 0; i < size; i++) {
    const name = await rows.nth(i).locator("th a").textContent();
    await page.getByLabel(`${name} · 日记`).setChecked(name !== ill);
  }
  await page.getByLabel(`${ill} · 病假/外出`).check();
  await page.getByRole("button", { name: "保存打卡" }).click();

  await expect(page.locator(".flash-ok")).toContainText("已保存");
  await expect(page.locator(".check-in-table")).toBeVisible();
  await expect(chores.and(page.locator(":checked"))).toHaveCount(size - 2);
  const diaries = page.locator('.check-in-table input[value$=":diary"]');
  await expect(diaries.and(page.locator(":checked"))).toHaveCount(size - 1);
  await expect(page.getByLabel(`${ill} · 病假/外出`)).toBeChecked();
  await expect(page.getByLabel(`${first} · 家务`)).not.toBeChecked();
});

test("offline, the whole class's tap shows on the tablet, and the save after it keeps it", async ({ page, context }) => {
  test.skip(!hydrated(), "without scripts the browser itself says it is offline");
  await signedInAs(page, "teacher", "/habits?day=2027-04-14");
  await expect(page.locator(".outbox[data-outbox-ready]")).toHaveCount(1);
  const rows = page.locator(".check-in-table tbody tr");
  const size = await rows.count();
  const diaries = page.locator('.check-in-table input[type=checkbox][value$=":diary"]');
  const ill = (await rows.nth(3).locator("th a").textContent())!;
  const forgot = (await rows.nth(4).locator("th a").textContent())!;
  await page.getByLabel(`${ill} · 病假/外出`).check();

  await context.setOffline(true);
  await page.getByRole("button", { name: "全班都完成了日记" }).click();
  await expect(page.getByRole("status")).toContainText("已保存在这台设备上");
  // Ticked on screen as the server will tick them: all but the child away.
  await expect(diaries.and(page.locator(":checked"))).toHaveCount(size - 1);
  await expect(page.getByLabel(`${ill} · 日记`)).not.toBeChecked();
  // One did not write it after all; the save takes the first entry's place on the tablet.
  await page.getByLabel(`${forgot} · 日记`).uncheck();
  await page.getByRole("button", { name: "保存打卡" }).click();
  await expect(page.getByRole("status")).toContainText("已保存在这台设备上");

  await context.setOffline(false);
  await expect(page.locator("[data-outbox-line]")).toBeHidden({ timeout: 20_000 });
  await page.goto("/habits?day=2027-04-14");
  await expect(diaries.and(page.locator(":checked"))).toHaveCount(size - 2);
  await expect(page.getByLabel(`${forgot} · 日记`)).not.toBeChecked();
  await expect(page.getByLabel(`${ill} · 病假/外出`)).toBeChecked();
});

test("ticks changed after an offline save are still on the tablet when it is sent, and the next save keeps them", async ({ page, context }) => {
  test.skip(!hydrated(), "without scripts the browser itself says it is offline");
  await signedInAs(page, "teacher", "/habits?day=2027-04-13");
  // The wasm can take a while beside the other worker's browser on two cores.
  await expect(page.locator(".outbox[data-outbox-ready]")).toHaveCount(1, { timeout: 15_000 });
  // Three children whose chore is not ticked yet that day.
  const names = await page.locator('.check-in-table tbody tr:has(input[type=checkbox][value$=":chore"]:not(:checked)) th a').allTextContents();
  expect(names.length).toBeGreaterThanOrEqual(3);
  const chore = (i: number) => page.getByLabel(`${names[i]} · 家务`);

  await context.setOffline(true);
  await chore(0).check();
  await chore(1).check();
  await page.getByRole("button", { name: "保存打卡" }).click();
  await expect(page.getByRole("status")).toContainText("已保存在这台设备上");
  // Then, not saved: one of the two taken back, a third ticked.
  await chore(1).uncheck();
  await chore(2).check();

  await context.setOffline(false);
  // One line says it all: sent, and what changed since is not saved yet.
  const unsaved = page.getByRole("alert").filter({ hasText: "暂存的记录已发送，但之后在这一页上的改动还没有保存：请再点一次保存" });
  await expect(unsaved).toBeVisible({ timeout: 20_000 });
  await expect(page.locator("[data-outbox-line]")).toBeHidden();
  await expect(page).toHaveURL(/day=2027-04-13$/);
  await expect(chore(0)).toBeChecked();
  await expect(chore(1)).not.toBeChecked();
  await expect(chore(2)).toBeChecked();
  // What the outbox sent is saved: the first two.
  const other = await page.context().newPage();
  await other.goto("/habits?day=2027-04-13");
  await expect(other.getByLabel(`${names[1]} · 家务`)).toBeChecked();
  await expect(other.getByLabel(`${names[2]} · 家务`)).not.toBeChecked();
  await other.close();

  await page.getByRole("button", { name: "保存打卡" }).click();
  await expect(page.locator(".flash-ok")).toContainText("已保存");
  await expect(unsaved).toHaveCount(0);
  await expect(chore(0)).toBeChecked();
  await expect(chore(1)).not.toBeChecked();
  await expect(chore(2)).toBeChecked();
});

test("a student ticks today's chore, logs a book and a call, and sees encouragement", async ({ page }) => {
  await signedInAs(page, "student", "/habits/mine");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的五个一");
  const project = test.info().project.name;
  const habit = hydrated() ? "diary" : "chore";
  const today = page.locator(`.tick-today[data-habit=${habit}]`);
  if (habit === "chore") {
    await today.getByLabel("做了什么家务（可不写）").fill("扫地");
    await today.getByRole("button", { name: "我今天做了家务" }).click();
    await expect(page.locator(".tick-today[data-habit=chore]")).toContainText("今天的家务做好了 · 扫地");
  } else {
    await today.getByRole("button", { name: "我今天写了日记" }).click();
    await expect(page.locator(".tick-today[data-habit=diary]")).toContainText("今天的日记写好了");
  }

  // Typed text is folded as the server keeps it (full-width brackets become plain).
  const title = `《小王子》 ${project}`;
  const book = page.locator("form.book-form");
  await book.getByLabel("书名").fill(title);
  await book.getByLabel("一句话说说这本书").fill("狐狸说的话我记住了。");
  await book.getByRole("button", { name: "记下这本书" }).click();
  await expect(page.locator(".flash-ok")).toContainText("已保存");
  await expect(page.getByTestId("books")).toContainText(title);

  const call = page.locator("form.call-form");
  await call.getByLabel("和谁通话").fill(`妈妈 ${project}`);
  await call.getByText("开心").click();
  await call.getByRole("button", { name: "记下这次电话" }).click();
  await expect(page.locator(".flash-ok")).toContainText("已保存");
  await expect(page.getByTestId("calls")).toContainText(`妈妈 ${project}`);
  await expect(page.getByTestId("calls").locator("li").first()).toContainText(SCHOOL_TODAY);

  // A second book the same day is a second book (each form has an id of its own).
  await book.getByLabel("书名").fill(`《草房子》 ${project}`);
  await book.getByRole("button", { name: "记下这本书" }).click();
  await expect(page.getByTestId("books")).toContainText(`《草房子》 ${project}`);
  await expect(page.getByTestId("books")).toContainText(title);

  // Encouragement, never a red mark.
  await expect(page.locator(".due-overdue:visible, .flash-error:visible")).toHaveCount(0);
  await expect(page.getByTestId("heat-map")).toBeVisible();
  // Each habit's strength is drawn to scale.
  const chore = page.locator(".habit-card[data-habit=chore]");
  const score = Number(await chore.getAttribute("data-score"));
  await expect(chore.locator(".score-fill")).toHaveAttribute("width", String(score));
});

test("the winter holiday and Qingming leave a child's streak intact", async ({ page }) => {
  await signedInAs(page, "student", "/habits/mine");
  const doneToday = await page.locator(".tick-today.done[data-habit=chore]").count();
  const chore = page.locator(".habit-card[data-habit=chore]");
  // Every school day of the term in a row: the four weeks of holiday and the Qingming
  // Monday neither broke it nor counted.
  await expect(chore).toHaveAttribute("data-streak", String(schoolDaysSoFar() + doneToday));
  await expect(chore.locator(".streak")).toContainText("连续");
  const map = page.getByTestId("heat-map");
  await expect(map.locator('rect[data-day="2027-04-05"]')).toHaveClass(/heat-rest/);
  await expect(map.locator('rect[data-day="2027-02-10"]')).toHaveClass(/heat-rest/);
  await expect(map.locator('rect[data-day="2027-04-06"]')).toHaveClass(/heat-[12]/);
});

test("a child who has not called home for two weeks is on the counselor's page", async ({ page }) => {
  await signedInAs(page, "counselor", "/care");
  const task = page.getByTestId("tasks").locator("tr").filter({ hasText: /周没给家里打电话/ });
  await expect(task.first()).toBeVisible();
  await task.first().getByRole("link").click();
  await expect(page).toHaveURL(/\/habits\/child\/\d+/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("五个一");
  await expect(page.getByTestId("call-window")).not.toHaveText("");
  // The counselor logs the call made on the school phone; the task is gone.
  const name = (await page.getByRole("heading", { level: 1 }).textContent())!.split(" · ")[0];
  const call = page.locator("form.call-form");
  await call.getByLabel("和谁通话").fill("爸爸");
  await call.getByRole("button", { name: "记下这次电话" }).click();
  await expect(page.locator(".flash-ok")).toContainText("已保存");
  await page.goto("/care");
  await expect(
    page.getByTestId("tasks").locator("tr").filter({ hasText: /周没给家里打电话/ }).filter({ hasText: name }),
  ).toHaveCount(0);
});

test("the leading group sees the five ones week by week, for the school and each class", async ({ page }) => {
  await signedInAs(page, "leader", "/calendar");
  await page.getByRole("link", { name: "五个一概览" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("五个一 · 每周完成情况 · 2026–2027 学年第二学期");
  const school = page.getByTestId("school-chart");
  // February 1 to April 19: twelve weeks; the winter holiday's counted nothing.
  await expect(school.locator("g[data-week]")).toHaveCount(12);
  await expect(school.locator('g[data-week="2027-02-08"]')).toHaveAttribute("data-daily", "");
  const march = Number(await school.locator('g[data-week="2027-03-08"]').getAttribute("data-daily"));
  expect(march).toBeGreaterThan(50);
  expect(march).toBeLessThanOrEqual(100);
  await expect(page.locator(".class-chart")).toHaveCount(12);
  // A class teacher sees their own class only, and no school chart.
  await signedInAs(page, "teacher", "/habits/overview");
  await expect(page.locator(".class-chart")).toHaveCount(1);
  await expect(page.getByTestId("school-chart")).toHaveCount(0);
});
