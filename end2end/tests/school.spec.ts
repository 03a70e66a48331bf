// The school's own details (/admin/school): the admin names the school once, and every
// page's header shows the name; a phone that is not one is refused and changes nothing.
import { expect, test } from "./fixtures";
import { signedInAs } from "./helpers";

test("the admin names the school and the header of every page follows", async ({ page, browser, baseURL }) => {
  await page.setViewportSize({ width: 800, height: 1280 });
  await signedInAs(page, "admin", "/calendar");
  await page.locator(".site-nav").getByRole("link", { name: "学校信息" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("学校信息");
  const form = page.locator("form.school-form");
  await expect(form.getByLabel("学校全称")).toHaveValue("廉江市城南街道深水洞村小学");
  await form.getByLabel("学校简称").fill("城南深水洞小学");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.locator(".flash-ok")).toContainText("已保存");
  await expect(page.locator(".brand-school")).toHaveText("城南深水洞小学");

  // On the teacher's tablet too, from its next page.
  const staffRoom = await browser.newContext({ baseURL, viewport: { width: 800, height: 1280 } });
  const teacher = await staffRoom.newPage();
  await signedInAs(teacher, "teacher", "/calendar");
  await expect(teacher.locator(".brand-school")).toHaveText("城南深水洞小学");
  await staffRoom.close();

  // A phone that is not one: the message says so, and nothing changes.
  await form.getByLabel("学校电话").fill("找王老师");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("alert")).toContainText("电话只能包含数字");
  await page.goto("/admin/school");
  await expect(form.getByLabel("学校电话")).toHaveValue("0759-6612345");

  // As it was, for the tests after this one.
  await form.getByLabel("学校简称").fill("深水洞村小学");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.locator(".brand-school")).toHaveText("深水洞村小学");
});
