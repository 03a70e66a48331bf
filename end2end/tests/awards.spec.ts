import { expect, test } from "./fixtures";
import { printedOnA4, signedInAs } from "./helpers";

// 自强好少年 (today is 2027-04-19, in the spring term). The demo counselor nominates one of
// their children from its five-ones page with a care note as evidence; the leading group
// approves; the certificate prints on one A4 page. A worker's two projects share one
// database: each nominates a child of its own.
const hydrated = () => test.info().project.name === "hydrated";

test("a nomination with its evidence is approved by the leading group and its certificate prints on A4", async ({ page }) => {
  await signedInAs(page, "counselor", "/care");
  const card = page.locator(".care-child").nth(hydrated() ? 6 : 5);
  const name = (await card.locator("h3").textContent())!.trim();
  await card.getByRole("link", { name: "五个一" }).click();
  await page.getByRole("link", { name: "推荐为自强好少年" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`推荐 ${name} 为自强好少年`);
  // The habit scores are gathered; the counselor picks a care note and writes why.
  await expect(page.locator(".evidence-scores tr")).toHaveCount(4);
  const note = page.locator('input[name="care[]"]').first();
  await note.check();
  const chosen = (await note.locator("xpath=..").textContent())!.trim();
  await page.getByLabel("推荐理由").fill("这学期每天坚持做家务、写日记，还主动给妈妈打电话。");
  await page.getByRole("button", { name: "提交推荐" }).click();
  await expect(page.locator(".flash-ok")).toContainText("已保存");
  const mine = page.locator(".nomination").filter({ hasText: name });
  await expect(mine).toHaveAttribute("data-state", "pending");
  // The counselor cannot approve it, and is told who does.
  await expect(mine.getByRole("button", { name: "批准" })).toHaveCount(0);
  await expect(mine.getByTestId("why-no-decision")).toHaveText("等待领导小组审批");

  await signedInAs(page, "leader", "/awards");
  const listed = page.locator(".nomination").filter({ hasText: name });
  await listed.locator("summary").click();
  await expect(listed).toContainText(chosen.slice(0, 20));
  await listed.getByRole("button", { name: "批准" }).click();
  await expect(page.locator(".flash-ok")).toContainText("已保存");
  const approved = page.locator(".nomination").filter({ hasText: name });
  await expect(approved).toHaveAttribute("data-state", "approved");
  await approved.getByRole("link", { name: "打印奖状" }).click();

  const certificate = page.getByTestId("certificate");
  await expect(certificate.locator(".certificate-name")).toHaveText(`${name}同学`);
  await expect(certificate).toContainText("廉江市城南街道深水洞村小学");
  await expect(certificate).toContainText("2026–2027 学年第二学期");
  await expect(certificate.locator(".certificate-date")).toHaveText("2027年4月19日");
  // On the tablet, 被评为 is not broken, nor alone on the last line: 积极向上，被评为 is one line.
  const named = await certificate.locator(".certificate-text").evaluate((p) => {
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let text: Node | null;
    while ((text = walker.nextNode()) && !text.textContent!.includes("积"));
    const range = document.createRange();
    range.setStart(text!, text!.textContent!.indexOf("积"));
    range.setEnd(p, p.childNodes.length);
    // The lines it is laid out on.
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(named).toBe(1);
  // The award is on the child's file.
  const certificateUrl = page.url();
  await page.goto("/children");
  await page.getByRole("link", { name, exact: true }).first().click();
  await expect(page.getByTestId("awards")).toContainText("2026–2027 学年第二学期");
  await page.goto(certificateUrl);
  // Printed, it is one A4 page (595 × 842 pt).
  expect(await printedOnA4(page)).toBe(1);
});
