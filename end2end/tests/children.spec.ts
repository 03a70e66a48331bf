import { expect, test } from "./fixtures";
import iconv from "./gbk";
import { signedInAs } from "./helpers";

/**
 * A class 3-1 roster as Excel in China saves it: GBK, Chinese headers. `bad` spoils three
 * rows: a 13th month, a short phone number, and a 半留守 child with both parents away.
 */
function roster(project: string, bad: boolean) {
  const rows = [
    "姓名,性别,出生日期,年级,班级,留守类型,外出父母,务工地,监护人,与学生关系,联系电话,家庭住址",
    `周一${project},女,2017/5/6,3,1,全留守,父母,广东 东莞,周奶奶,奶奶,13812345678,深水洞村二组`,
    `吴二${project},男,${bad ? "2017-13-01" : "2017-03-01"},3,1,非留守,,,吴爸爸,父亲,0851-2345678,深水洞村三组`,
    `郑三${project},男,2017-04-02,3,1,半留守,父亲,浙江 宁波,郑妈妈,母亲,${bad ? "138123" : "13912345678"},深水洞村四组`,
    `王四${project},女,2016-12-24,3,1,半留守,${bad ? "父母" : "母亲"},福建 泉州,王爷爷,爷爷,18712345678,深水洞村五组`,
  ];
  return iconv(rows.join("\r\n") + "\r\n");
}

test("the admin imports a GBK roster: three bad rows are listed, the fixed file goes in, the counts change", async ({ page }) => {
  const project = test.info().project.name === "no-js" ? "甲" : "乙";
  await signedInAs(page, "admin", "/children?class=");
  const counts = page.getByTestId("children-counts");
  const before = Number((await counts.textContent())!.match(/共 (\d+) 人/)![1]);

  await page.getByRole("link", { name: "导入花名册" }).click();
  const upload = async (bad: boolean) => {
    await page.getByLabel("花名册文件（CSV 或 XLSX）").setInputFiles({ name: "三年级一班.csv", mimeType: "text/csv", buffer: roster(project, bad) });
    await page.getByRole("button", { name: "上传并检查" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("花名册检查结果");
  };
  await upload(true);
  await expect(page.getByTestId("roster-totals")).toHaveText("共 4 行：可导入 1 行，已在档案中 0 行（跳过），有问题 3 行");
  const problems = page.locator("tr.problem");
  await expect(problems).toHaveCount(3);
  await expect(problems.nth(0)).toContainText("3");
  await expect(problems.nth(0)).toContainText("出生日期：出生日期格式不对");
  await expect(problems.nth(1)).toContainText("联系电话：电话号码格式不对");
  await expect(problems.nth(2)).toContainText("留守类型与外出父母不一致");
  await expect(page.getByRole("button", { name: /确认导入/ })).toHaveCount(0);

  await page.getByRole("link", { name: "改正后重新上传" }).click();
  await upload(false);
  await expect(page.getByTestId("roster-totals")).toHaveText("共 4 行：可导入 4 行，已在档案中 0 行（跳过），有问题 0 行");
  await page.getByRole("button", { name: "确认导入 4 名儿童" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("儿童档案");
  await expect(counts).toContainText(`共 ${before + 4} 人`);

  // Find a child, and print the class's contact cards.
  await page.getByLabel("按姓名查找").fill(`周一${project}`);
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page.locator(".children-table tbody tr")).toHaveCount(1);
  await page.getByRole("link", { name: `周一${project}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`周一${project}`);
  await expect(page.locator(".guardians")).toContainText("周奶奶");
  await expect(page.locator(".guardians")).toContainText("13812345678");
});

test("a child's page gives the parents a calendar link with a QR code", async ({ page, request }) => {
  await signedInAs(page, "admin", "/children?q=");
  await page.locator(".children-table a").first().click();
  await page.getByRole("button", { name: "生成家长订阅链接" }).click();
  const link = page.locator(".feed-link");
  await expect(link).toContainText("/calendar.ics?token=");
  await expect(page.locator(".qr svg")).toBeVisible();
  const url = (await link.textContent())!;
  expect(page.url()).not.toContain(new URL(url).searchParams.get("token")!);
  const feed = await request.get(url);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain("BEGIN:VCALENDAR");
  await page.reload();
  await expect(page.getByRole("button", { name: "生成家长订阅链接" })).toBeVisible();
  await expect(page.locator(".feed-link")).toHaveCount(0);
});

test("class cards print four A6 cards to an A4 page", async ({ page }) => {
  await signedInAs(page, "admin", "/children");
  await page.getByLabel("班级").selectOption({ label: "3年级2班" });
  await page.getByRole("button", { name: "筛选" }).click();
  await page.getByRole("link", { name: "打印本班联系卡" }).click();
  await expect(page.locator(".contact-card").first()).toBeVisible();
  const cards = await page.locator(".contact-card").count();
  expect(cards).toBeGreaterThan(10);
  await page.emulateMedia({ media: "print" });
  const box = (await page.locator(".contact-card").first().boundingBox())!;
  // 95 mm wide at 96 dpi is about 359 px.
  expect(Math.round(box.width)).toBeGreaterThan(340);
  expect(Math.round(box.width)).toBeLessThan(380);
  // Printed as the browser prints it: four cards to each A4 page, counted in the PDF.
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  const pages = (pdf.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  expect(pages).toBe(Math.ceil(cards / 4));
});

test("a teacher of another class sees none of class 3-1's files", async ({ page }) => {
  await signedInAs(page, "teacher", "/children");
  const rows = page.locator(".children-table tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const cls of await page.locator(".children-table tbody td:nth-child(2)").allTextContents()) {
    expect(cls).toBe("3年级2班");
  }
  await expect(page.locator(".children-table thead")).not.toContainText("出生日期");
  await expect(page.getByRole("link", { name: "导出 CSV" })).toHaveCount(0);
  const other = await page.request.get("/children/export.csv");
  expect(await other.text()).not.toContain(",3,1,");
});

test("a counselor edits a paired child's contact card; a wrong phone is caught before saving", async ({ page }) => {
  const project = test.info().project.name;
  await signedInAs(page, "counselor", "/children");
  const row = project === "no-js" ? 0 : 1;
  await page.locator(".children-table tbody a").nth(row).click();
  await page.getByRole("link", { name: "编辑档案" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("编辑档案");
  const form = page.locator("form.child-form");
  const phone = form.getByLabel("父亲电话");
  if (project === "hydrated") {
    await expect(page.locator(".form-check[data-ready]")).toHaveCount(1);
    await phone.fill("1380013");
    await expect(form.getByRole("alert")).toContainText("电话号码格式不对");
    await expect(phone).toHaveAttribute("aria-invalid", "true");
  } else {
    // Without JavaScript the browser's own check stops it (the field's pattern), and its
    // bubble gives the same words (the field's title); the server would refuse it too.
    await phone.fill("1380013");
    await form.getByRole("button", { name: "保存" }).click();
    expect(await phone.evaluate((input: HTMLInputElement) => input.validity.patternMismatch)).toBe(true);
    await expect(phone).toHaveAttribute("title", /电话号码格式不对/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("编辑档案");
  }
  await page.locator("form.child-form").getByLabel("父亲电话").fill("139 0000 1111");
  // The mother works elsewhere than the father: the file keeps both places.
  await form.getByLabel("母亲务工地（与父亲不同时填）").fill("迪拜");
  await page.locator("form.child-form").getByRole("button", { name: "保存" }).click();
  await expect(page.locator(".child-file")).toContainText("13900001111");
  await expect(page.locator(".child-file")).toContainText(/务工城市父亲 \S+ \S+；母亲 迪拜/);
});

test("on a phone, a child's file saved by someone else meanwhile shows their version, with what was typed listed above it", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const child = test.info().project.name === "hydrated" ? 31 : 30;
  const edit = `/children/${child}/edit`;
  await signedInAs(page, "admin", edit);
  if (test.info().project.name === "hydrated") await expect(page.locator(".form-check[data-ready]")).toHaveCount(1);
  const form = page.locator("form.child-form");

  // Meanwhile the leading group saves the same file.
  const other = await page.context().newPage();
  await other.goto(edit);
  await other.locator("form.child-form").getByLabel("备注").fill("先保存的备注");
  await other.locator("form.child-form").getByRole("button", { name: "保存" }).click();
  await expect(other.locator(".child-file")).toContainText("先保存的备注");
  await other.close();

  await form.getByLabel("务工城市").fill("深圳（龙华）");
  await form.getByLabel("备注").fill("后保存的长备注：奶奶说孩子想妈妈了");
  await form.getByRole("button", { name: "保存" }).click();

  await expect(page.locator("#refused")).toHaveText("该记录已在别处修改过（另一个页面、另一台设备或其他人），请查看最新版本");
  await expect(page.locator("#refused")).toBeInViewport();
  const typed = page.getByTestId("unsaved");
  await expect(typed).toContainText("务工城市深圳（龙华）");
  await expect(typed).toContainText("备注后保存的长备注：奶奶说孩子想妈妈了");
  // The form is the newer version: nothing is saved over it unseen.
  await expect(form.getByLabel("备注")).toHaveValue("先保存的备注");
});
