import { expect, test } from "./fixtures";
import { signedInAs } from "./helpers";

// One server for both projects: each works on its own class (no-js 4-1, hydrated 4-2).
test("the admin enters three children's results in a row on the tablet; follow-up and absence are listed", async ({ page }) => {
  const className = test.info().project.name === "no-js" ? "4年级1班" : "4年级2班";
  await signedInAs(page, "admin", "/checkup/2027");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("2027 年体检日：2027-04-20");

  // Class slots to print: only this class.
  await page.getByLabel("班级").selectOption({ label: className });
  await page.getByRole("button", { name: "生成时间安排" }).click();
  const slots = page.locator(".checkup-slots tbody tr");
  await expect(slots.first()).toContainText("08:30–08:50");
  await expect(slots.first()).toContainText(className);
  await slots.first().locator(".slot-child").first().click();

  const form = page.locator("form.entry-form");
  await expect(form).toBeVisible();
  const first = (await page.getByRole("heading", { level: 1 }).textContent())!;
  // A tap too soon: examined, with nothing written, is not a result.
  await form.getByRole("button", { name: "保存，下一位" }).click();
  await expect(page.getByRole("alert")).toContainText("至少要记一项结果");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first);
  // A typing error: 12 kg for a ten-year-old.
  await form.getByLabel("身高（厘米）").fill("136");
  await form.getByLabel("体重（千克）").fill("12");
  await form.getByRole("button", { name: "保存，下一位" }).click();
  await expect(page.getByRole("alert")).toContainText("体重与年龄、身高不符");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first);

  await page.locator("form.entry-form").getByLabel("体重（千克）").fill("31.5");
  await page.locator("form.entry-form").getByLabel("左眼视力").fill("5.0");
  await page.locator("form.entry-form").getByLabel("右眼视力").fill("4.6");
  await page.locator("form.entry-form").getByLabel("需要复查的内容").fill("复查右眼视力");
  await page.locator("form.entry-form").getByLabel("复查截止日期").fill("2027-05-20");
  await page.locator("form.entry-form").getByRole("button", { name: "保存，下一位" }).click();

  // The next child, without going back to the list.
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(first);
  const second = (await page.getByRole("heading", { level: 1 }).textContent())!;
  await page.locator("form.entry-form").getByLabel("缺检").check();
  await page.locator("form.entry-form").getByRole("button", { name: "保存，下一位" }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(second);

  const third = (await page.getByRole("heading", { level: 1 }).textContent())!;
  await page.locator("form.entry-form").getByLabel("身高（厘米）").fill("140");
  await page.locator("form.entry-form").getByLabel("体重（千克）").fill("33");
  await page.locator("form.entry-form").getByRole("button", { name: "保存，下一位" }).click();
  // Saved (the next child's form is in) before going back: a tap during the save is
  // overtaken by the save's own page.
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(third);

  await page.getByRole("link", { name: "返回名单" }).click();
  await expect(page.locator(".absent-list")).toContainText(second);
  await expect(page.locator(".follow-ups")).toContainText(`${first} · 复查右眼视力 · 2027-05-20`);

  // The follow-up is on the calendar on its due date.
  await page.goto("/calendar?view=month&date=2027-05-01&cat=checkup");
  await expect(page.locator('td[data-date="2027-05-20"]')).toContainText(`复查：${first}`);
  // It opens the child's record, where it is closed.
  await page.locator('td[data-date="2027-05-20"]').getByRole("link", { name: `复查：${first}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first);
});

test("on the calendar, April 20 opens the checkup day for those who read health data, and only for them", async ({ page }) => {
  await signedInAs(page, "leader", "/calendar?view=month&date=2027-04-01");
  await page.locator('td[data-date="2027-04-20"] li.cat-checkup a').first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("2027 年体检日：2027-04-20");
  // The leading group may move the day: the event's editor is one tap away.
  await expect(page.getByRole("link", { name: "修改体检日期" })).toHaveAttribute("href", /\/calendar\/event\/\d+\?occurrence=2027-04-20T/);
  await page.getByRole("link", { name: "← 2026" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("2026 年体检日：2026-04-20");

  await page.context().clearCookies();
  await signedInAs(page, "teacher", "/calendar?view=month&date=2027-04-01");
  await expect(page.locator('td[data-date="2027-04-20"] li.cat-checkup')).not.toHaveCount(0);
  await expect(page.locator('td[data-date="2027-04-20"] li.cat-checkup a')).toHaveCount(0);
});

test("a child's page shows the growth chart across the years", async ({ page }) => {
  await signedInAs(page, "leader", "/children");
  await page.getByLabel("班级").selectOption({ label: "5年级1班" });
  await page.getByRole("button", { name: "筛选" }).click();
  // The class's list first: a child tapped in the whole school's list while the filter
  // comes is overtaken by it.
  await expect(page).toHaveURL(/class=\d+/);
  await page.locator(".children-table a").first().click();
  await expect(page.getByRole("heading", { level: 2, name: "历年体检：身高与体重" })).toBeVisible();
  await expect(page.locator(".growth-chart svg polyline")).toHaveCount(2);
  await expect(page.locator(".growth table tbody tr").first()).toContainText("已检");
});

test("a teacher cannot open the checkup day", async ({ page }) => {
  await signedInAs(page, "teacher", "/calendar");
  await expect(page.locator(".site-nav").getByRole("link", { name: "体检", exact: true })).toHaveCount(0);
  const response = await page.goto("/checkup/2027");
  expect(response?.status()).toBe(403);
});

test("the admin puts only some classes on a year's roster; the schedule and counts follow", async ({ page }) => {
  // Each project its own year, so the two runs on one server do not meet.
  const year = test.info().project.name === "no-js" ? 2028 : 2029;
  await signedInAs(page, "admin", `/checkup/${year}`);
  const roster = page.locator("details.roster-classes");
  await roster.locator("summary").click();
  const boxes = roster.getByRole("checkbox");
  await expect(boxes).toHaveCount(12);
  for (const box of await boxes.all()) {
    const label = (await box.locator("xpath=..").textContent())!.trim();
    await box.setChecked(label === "3年级1班" || label === "3年级2班");
  }
  await roster.getByRole("button", { name: "保存名单" }).click();

  await expect(page.locator("details.roster-classes summary")).toHaveText("体检名单：已选 2 个班级（共 12 个）");
  const classes = page.getByLabel("班级").locator("option");
  await expect(classes).toHaveText(["全部班级", "3年级1班", "3年级2班"]);
  const counts = (await page.getByTestId("checkup-counts").textContent())!;
  const total = Number(counts.match(/\d+/)![0]);
  expect(total).toBeGreaterThan(40);
  expect(total).toBeLessThan(90);

  // Nothing chosen: refused in words, the roster stays.
  await page.locator("details.roster-classes summary").click();
  for (const box of await page.locator("details.roster-classes").getByRole("checkbox").all()) {
    await box.uncheck();
  }
  await page.locator("details.roster-classes").getByRole("button", { name: "保存名单" }).click();
  await expect(page.getByRole("alert")).toContainText("体检名单至少要有一个班级");
  await expect(page.locator("details.roster-classes summary")).toHaveText("体检名单：已选 2 个班级（共 12 个）");
});

test("the counselor's follow-up list: paired children only, overdue ones marked", async ({ page }) => {
  await signedInAs(page, "counselor", "/calendar");
  await page.locator(".site-nav").getByRole("link", { name: "复查", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("全部待复查");
  const rows = page.locator(".follow-up-table tbody tr");
  await expect(rows.first()).toBeVisible();
  // Last spring's follow-ups, still open on 2026-11-29: overdue.
  await expect(rows.filter({ hasText: "2026-06-20" }).first()).toContainText("已逾期");
  // Each row opens that child's checkup record.
  const record = rows.first().locator('a[href^="/checkup/"]');
  const name = (await record.textContent())!;
  await record.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
});
