import { expect, test } from "./fixtures";
import { signedInAs } from "./helpers";

/** A term calendar as a county bureau might send it; `bad` gives the exams an end before their start. */
function bureauFile(project: string, bad: boolean) {
  const examEnd = bad ? "20270112T080000" : "20270112T113000";
  return [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//County Bureau//Term//ZH",
    "BEGIN:VEVENT", `UID:term-${project}@bureau`, "DTSTAMP:20260801T000000Z", `SUMMARY:秋季开学典礼 ${project}`,
    "DTSTART;TZID=Asia/Shanghai:20260902T090000", "DTEND;TZID=Asia/Shanghai:20260902T100000", "END:VEVENT",
    "BEGIN:VEVENT", `UID:exam-${project}@bureau`, "DTSTAMP:20260801T000000Z", `SUMMARY:期末考试 ${project}`,
    "DTSTART;TZID=Asia/Shanghai:20270112T090000", `DTEND;TZID=Asia/Shanghai:${examEnd}`, "END:VEVENT",
    "END:VCALENDAR", "",
  ].join("\r\n");
}

test("the leading group imports the bureau's term calendar: a bad row is shown, the fixed file goes in", async ({ page }) => {
  const project = test.info().project.name;
  await signedInAs(page, "leader", "/calendar?view=month&date=2026-09-01");
  await page.getByRole("link", { name: "导入 .ics 日历" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("导入日历文件");

  const upload = async (bad: boolean) => {
    await page.getByLabel("日历文件（.ics）").setInputFiles({
      name: "autumn.ics",
      mimeType: "text/calendar",
      buffer: Buffer.from(bureauFile(project, bad)),
    });
    await page.getByRole("button", { name: "上传并预览" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("导入预览");
  };

  await upload(true);
  await expect(page.getByTestId("import-totals")).toHaveText("共 2 条：新增 1 条，已在日历中 0 条（跳过），有问题 1 条");
  const badRow = page.locator("tr.problem");
  await expect(badRow).toContainText("期末考试");
  await expect(badRow).toContainText("结束时间不能早于开始时间");
  await expect(page.getByRole("button", { name: /确认导入/ })).toHaveCount(0);

  await page.getByRole("link", { name: "改正后重新上传" }).click();
  await upload(false);
  await expect(page.getByTestId("import-totals")).toHaveText("共 2 条：新增 2 条，已在日历中 0 条（跳过），有问题 0 条");
  await page.getByRole("button", { name: "确认导入 2 个活动" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("2026年9月");
  await expect(page.locator('td[data-date="2026-09-02"]')).toContainText(`秋季开学典礼 ${project}`);
});

test("a teacher is not offered the import and cannot open it", async ({ page }) => {
  await signedInAs(page, "teacher", "/calendar?view=month&date=2026-09-01");
  await expect(page.getByRole("link", { name: "导入 .ics 日历" })).toHaveCount(0);
  const response = await page.goto("/calendar/import");
  expect(response?.status()).toBe(403);
});
