import { expect, test } from "./fixtures";
import { DEMO_PASSWORD, signIn, signedInAs } from "./helpers";

const heading = (page: import("@playwright/test").Page) => page.getByRole("heading", { level: 1 });

test.describe("accounts and what each role may see", () => {
  test("a signed-out visitor is asked to sign in and comes back to the page", async ({ page }) => {
    await page.goto("/calendar?view=month&date=2027-04-01");
    await expect(heading(page)).toHaveText("登录");
    await page.getByLabel("用户名", { exact: true }).fill("leader");
    await page.getByLabel("密码", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(heading(page)).toHaveText("2027年4月");
    await expect(page.getByTestId("user-menu")).toContainText("李主任");
    await expect(page.getByTestId("user-menu")).toContainText("领导小组成员");
  });

  test("a wrong password is refused with a clear message", async ({ page }) => {
    await signIn(page, "teacher", "not-the-password");
    await expect(page.getByRole("alert")).toHaveText("用户名或密码不正确");
    await expect(page.getByTestId("user-menu")).toHaveCount(0);
    // The name stays as typed; only the password is asked again.
    await expect(page.getByLabel("用户名", { exact: true })).toHaveValue("teacher");
    await expect(page.getByLabel("密码", { exact: true })).toHaveValue("");
    expect(page.url()).not.toContain("error=");
  });

  test("a form the server refuses comes back as typed, with the reason in view beside it", async ({ page }) => {
    await signedInAs(page, "admin", "/admin/users");
    const form = page.locator('form[action="/api/admin/users/create"]');
    await form.getByLabel("用户名").fill("teacher");
    await form.getByLabel("姓名").fill("王老师（语文）");
    await form.getByLabel("角色").selectOption({ label: "结对帮扶老师" });
    await form.getByLabel("初始密码").fill("long-enough-password");
    await form.getByRole("button", { name: "新建用户" }).click();

    const reason = page.getByRole("alert");
    await expect(reason).toHaveText("该用户名已被使用");
    await expect(reason).toBeInViewport();
    // Just above the form it is about, not at the top of a long page.
    await expect(page.locator("#refused + form")).toHaveAttribute("action", "/api/admin/users/create");
    await expect(form.getByLabel("用户名")).toHaveValue("teacher");
    await expect(form.getByLabel("姓名")).toHaveValue("王老师（语文）");
    await expect(form.getByLabel("角色")).toHaveValue("counselor");
    expect(page.url()).not.toMatch(/error=|%7B|\{/);
    await expect(page.getByText("该用户名已被使用")).toHaveCount(1);
  });

  test("each demo account sees its own role's pages and nothing more", async ({ browser, baseURL }) => {
    const expectations: Array<[string, string, boolean]> = [
      ["admin", "校长（管理员）", true],
      ["leader", "领导小组成员", false],
      ["counselor", "结对帮扶老师", false],
      ["teacher", "教师", false],
      ["student", "学生", false],
    ];
    for (const [username, roleLabel, isAdmin] of expectations) {
      const context = await browser.newContext({ ...test.info().project.use, baseURL });
      const page = await context.newPage();
      await signedInAs(page, username);
      await expect(heading(page)).toHaveText(/\d{4}年\d{1,2}月/);
      await expect(page.getByTestId("user-menu")).toContainText(roleLabel);
      await expect(page.getByRole("link", { name: "用户", exact: true })).toHaveCount(isAdmin ? 1 : 0);
      await expect(page.getByRole("link", { name: "审计日志" })).toHaveCount(isAdmin ? 1 : 0);
      const response = await page.goto("/admin/users");
      expect(response?.status(), username).toBe(isAdmin ? 200 : 403);
      await context.close();
    }
  });

  test("a student sees birthdays by name and class only, and no staff meetings", async ({ page }) => {
    await signedInAs(page, "student", "/calendar?view=month&date=2027-04-01");
    const month = page.locator("table.month-grid");
    await expect(month.locator('[data-category="birthday"]').first()).toBeAttached();
    await expect(month).not.toContainText("岁生日");
    await expect(month).not.toContainText("领导小组例会");
    await expect(month.locator('[data-category="checkup"]')).toContainText("免费体检日");
  });

  test("the admin creates a teacher, who can then sign in, and deactivates them", async ({ page, browser }) => {
    // Both projects share one server: each creates its own teacher.
    const username = `teacher.wang.${test.info().project.name}`;
    await signedInAs(page, "admin", "/admin/users");
    const form = page.locator('form[action="/api/admin/users/create"]');
    await form.getByLabel("用户名").fill(username);
    await form.getByLabel("姓名").fill("王老师");
    await form.getByLabel("初始密码（至少 10 个字符）").fill("wang-laoshi-2027");
    await form.getByRole("button", { name: "新建用户" }).click();
    await expect(page.getByRole("status")).toHaveText("已保存");
    const row = page.locator(`tr[data-username="${username}"]`);
    await expect(row).toContainText("王老师");

    const other = await browser.newContext({ ...test.info().project.use });
    const teacherPage = await other.newPage();
    await signIn(teacherPage, username, "wang-laoshi-2027");
    await expect(teacherPage.getByTestId("user-menu")).toContainText("王老师");

    await row.getByRole("button", { name: "停用" }).click();
    await expect(page.locator(`tr[data-username="${username}"]`)).toContainText("已停用");
    await teacherPage.goto("/calendar");
    await expect(heading(teacherPage)).toHaveText("登录");
    await other.close();
  });

  test("a short password for a new user is refused and nothing is created", async ({ page }) => {
    await signedInAs(page, "admin", "/admin/users");
    const form = page.locator('form[action="/api/admin/users/create"]');
    await form.getByLabel("用户名").fill("too.short");
    await form.getByLabel("姓名").fill("短密码");
    // The browser's own minlength check would stop the form; take it off to reach the server.
    await form.locator('input[name="password"]').evaluate((el) => el.removeAttribute("minlength"));
    await form.getByLabel("初始密码（至少 10 个字符）").fill("short");
    await form.getByRole("button", { name: "新建用户" }).click();
    await expect(page.getByRole("alert")).toHaveText("密码至少需要 10 个字符");
    await expect(page.locator('tr[data-username="too.short"]')).toHaveCount(0);
  });

  test("the audit log shows sign-ins and refusals, and filters them", async ({ page }) => {
    await signIn(page, "counselor", "wrong-password-here");
    await expect(page.getByRole("alert")).toBeVisible();
    // Signed in through the page (not from a kept session): the sign-in is what is audited.
    await signIn(page, "admin", DEMO_PASSWORD, "/admin/audit");
    await expect(page.getByTestId("user-menu")).toBeVisible();
    // Each action in the reader's language, the row as written beneath it.
    const signIn_ = page.locator("table.audit tbody tr").filter({ hasText: "sign_in" }).first();
    await expect(signIn_.locator(".audit-word")).toHaveText("登录");
    await expect(signIn_.locator(".audit-code")).toHaveText("sign_in");
    await expect(signIn_.locator("td").nth(3)).toContainText("用户 #");
    await page.getByLabel("结果").selectOption("failure");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(/outcome=failure/);
    const rows = page.locator("table.audit tbody tr");
    await expect(rows.first()).toContainText("counselor");
    await expect(page.locator("table.audit tbody")).not.toContainText("成功");
  });

  test("signing out ends the session", async ({ page }) => {
    await signedInAs(page, "counselor");
    await page.getByTestId("user-menu").click();
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(heading(page)).toHaveText("登录");
    await page.goto("/calendar");
    await expect(heading(page)).toHaveText("登录");
  });
});
