import { expect, test } from "./fixtures";
import { signedInAs } from "./helpers";

// The parents far away. The counselor makes a link for a child's family; a parent opens it
// on a 360 × 640 phone without JavaScript (WeChat's browser at its plainest), leaves a
// message and proposes a new phone number; the counselor reads the message and accepts the
// number into the file; a revoked link answers nothing, nor does the link of a child who
// left the school. A worker's two projects share one database: each uses a child of its
// own.
const hydrated = () => test.info().project.name === "hydrated";

test("a parent on a phone writes to the counselor and proposes a new number the counselor accepts", async ({ page, browser, server }) => {
  test.slow();
  await signedInAs(page, "counselor", "/care");
  const card = page.locator(".care-child").nth(hydrated() ? 8 : 7);
  const name = (await card.locator("h3").textContent())!.trim();
  await card.getByRole("link", { name }).first().click();
  await page.getByRole("link", { name: "家长页面" }).click();
  await page.getByRole("button", { name: /^(再)?生成(一个)?家长链接$/ }).click();
  const url = (await page.getByTestId("new-link").locator("a.family-link").getAttribute("href"))!;
  expect(url).toMatch(/\/family\/[0-9a-f]{32}$/);
  await expect(page.getByTestId("new-link").locator(".qr svg")).toBeVisible();
  // The link is long, and never wider than the counselor's phone.
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The parent's phone: no JavaScript, 360 px.
  const phone = await browser.newContext({
    baseURL: server.baseURL,
    viewport: { width: 360, height: 640 },
    javaScriptEnabled: false,
    locale: "zh-CN",
  });
  const parent = await phone.newPage();
  await parent.goto(new URL(url).pathname);
  await expect(parent.locator(".family-child h2")).toHaveText(name);
  // Sent without the app's scripts: the phone loads the page and its style sheet alone.
  await expect(parent.locator('script[type="module"], link[rel="modulepreload"], link[href$=".wasm"]')).toHaveCount(0);
  await expect(parent.getByText("近期安排")).toBeVisible();
  await expect(parent.getByText("0759-6612345")).toBeVisible();
  // The school's number is a call, as easy to tap as a button.
  expect((await parent.getByRole("link", { name: "0759-6612345" }).boundingBox())!.height).toBeGreaterThanOrEqual(40);
  expect(await parent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await parent.getByLabel("想对老师说的话").fill("老师您好，孩子这周感冒了，麻烦多照顾。");
  await parent.getByRole("button", { name: "发送" }).click();
  await expect(parent.getByRole("status")).toContainText("已发送");
  // No account behind the school's name: it leads nowhere a parent would have to sign in.
  await expect(parent.locator("a.brand")).toHaveCount(0);
  await parent.locator("summary", { hasText: "更新我的联系方式" }).click();
  await expect(parent.getByLabel("所在时区").locator("option").first()).toHaveText("国内（北京时间）");
  await parent.getByLabel("我是").selectOption("mother");
  await parent.getByLabel("我的电话").fill("139 2345 6789");
  await parent.getByRole("button", { name: "提交给老师" }).click();
  await expect(parent.getByRole("status")).toContainText("已发送");

  // The counselor reads it and accepts the number.
  await page.reload();
  await expect(page.getByTestId("messages")).toContainText("孩子这周感冒了");
  const proposal = page.getByTestId("proposals").locator(".family-proposal").first();
  await expect(proposal).toContainText("13923456789");
  await proposal.getByRole("button", { name: "确认并记入档案" }).click();
  await expect(page.locator(".flash-ok")).toContainText("已保存");
  await expect(page.getByTestId("proposals").locator(".family-proposal").first()).toHaveAttribute("data-state", "accepted");

  // Revoked: the link answers nothing.
  // Asked twice: what revoking means, then the real button.
  await page.getByTestId("links").locator("summary", { hasText: "停用" }).first().click();
  await expect(page.getByTestId("links")).toContainText("家长再打开这个链接只会看到“链接已失效”");
  await page.getByTestId("links").getByRole("button", { name: "确认停用" }).first().click();
  await expect(page.locator(".flash-ok")).toContainText("已保存");
  await parent.goto(new URL(url).pathname);
  await expect(parent.locator(".family-child")).toHaveCount(0);
  await expect(parent.getByRole("alert")).toBeVisible();
  await phone.close();
});

test("on a phone the counselor ticks a brother or sister into the family's link", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signedInAs(page, "counselor", "/care");
  // 符锦 and 符琪婷, both paired with this counselor, may be sister and brother.
  const name = "符锦";
  await page.locator(".care-child", { has: page.getByRole("heading", { name }) }).getByRole("link", { name }).first().click();
  await page.getByRole("link", { name: "家长页面" }).click();
  // Each child offered is a tick of its own, as tall as a finger, in sight.
  const offered = page.getByRole("group", { name: "同一家庭的兄弟姐妹（和同一位监护人生活）" }).getByRole("checkbox");
  await expect(offered).toHaveCount(1);
  const tick = offered.first();
  await expect(tick).toBeVisible();
  const sibling = (await tick.locator("xpath=..").textContent())!.trim();
  expect(sibling).toBe("符琪婷");
  expect((await tick.locator("xpath=..").boundingBox())!.height).toBeGreaterThanOrEqual(40);
  await tick.check();
  await page.getByRole("button", { name: /^(再)?生成(一个)?家长链接$/ }).click();
  await expect(page.getByTestId("links").locator("li").last()).toContainText(`${name}、${sibling}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The mother gives her new number once, for both children.
  const url = (await page.getByTestId("new-link").locator("a.family-link").getAttribute("href"))!;
  const parent = await page.context().newPage();
  await parent.setViewportSize({ width: 360, height: 740 });
  await parent.goto(url);
  await expect(parent.locator(".family-child h2")).toHaveText([name, sibling]);
  await parent.locator("summary", { hasText: "更新我的联系方式" }).click();
  const those = parent.getByRole("group", { name: "记入哪几个孩子的档案" });
  await expect(those.getByRole("checkbox", { name: sibling })).toBeChecked();
  await expect(those.getByRole("checkbox", { name })).toBeChecked();
  await parent.getByLabel("我是").selectOption("mother");
  await parent.getByLabel("我的电话").fill("139 8765 4321");
  await parent.getByRole("button", { name: "提交给老师" }).click();
  await expect(parent.getByRole("status")).toContainText("已发送");
  await expect(parent.getByTestId("proposed")).toHaveCount(2);
  await parent.close();

  await page.goto("/care");
  await page.locator(".care-child", { has: page.getByRole("heading", { name: sibling }) }).getByRole("link", { name: sibling }).first().click();
  await page.getByRole("link", { name: "家长页面" }).click();
  await expect(page.getByTestId("proposals").locator(".family-proposal").first()).toContainText("13987654321");
});

test("a child who leaves the school takes its family's link with it", async ({ page, browser, server }) => {
  test.slow();
  await signedInAs(page, "counselor", "/care");
  // The last children of the list: no other test counts on them.
  const cards = page.locator(".care-child");
  const card = cards.nth((await cards.count()) - (hydrated() ? 1 : 2));
  const name = (await card.locator("h3").textContent())!.trim();
  await card.getByRole("link", { name }).first().click();
  await page.waitForURL(/\/care\/child\/\d+/);
  const child = page.url().match(/\/care\/child\/(\d+)/)![1];
  await page.getByRole("link", { name: "家长页面" }).click();
  await page.getByRole("button", { name: /^(再)?生成(一个)?家长链接$/ }).click();
  const url = (await page.getByTestId("new-link").locator("a.family-link").getAttribute("href"))!;

  const phone = await browser.newContext({
    baseURL: server.baseURL,
    viewport: { width: 360, height: 640 },
    javaScriptEnabled: false,
    locale: "zh-CN",
  });
  const parent = await phone.newPage();
  await parent.goto(new URL(url).pathname);
  await expect(parent.locator(".family-child h2")).toHaveText(name);

  // The child moves to another school.
  await page.goto(`/children/${child}`);
  await page.locator("summary", { hasText: "办理毕业或转学" }).click();
  await page.getByRole("button", { name: "已转学" }).click();
  await expect(page.locator(".flash-ok")).toContainText("已保存");
  await parent.goto(new URL(url).pathname);
  await expect(parent.locator(".family-child")).toHaveCount(0);
  await expect(parent.getByRole("alert")).toBeVisible();
  expect(await parent.content()).not.toContain(name);
  await phone.close();
  // Back at school: the worker's other tests share this database.
  await page.getByRole("button", { name: "在读" }).click();
  await expect(page.locator(".flash-ok")).toContainText("已保存");
});

test("a parent's message is not lost to a phone with no network, nor to a send that got no answer", async ({ page, browser, server }) => {
  test.skip(!hydrated(), "the phone's script at work: one project");
  await signedInAs(page, "counselor", "/care");
  const cards = page.locator(".care-child");
  const card = cards.nth((await cards.count()) - 3);
  const name = (await card.locator("h3").textContent())!.trim();
  await card.getByRole("link", { name }).first().click();
  await page.getByRole("link", { name: "家长页面" }).click();
  await page.getByRole("button", { name: /^(再)?生成(一个)?家长链接$/ }).click();
  const url = (await page.getByTestId("new-link").locator("a.family-link").getAttribute("href"))!;

  const phone = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 360, height: 740 }, locale: "zh-CN" });
  const parent = await phone.newPage();
  await parent.goto(new URL(url).pathname);
  const words = "孩子的新校服收到了吗？";
  const message = parent.getByLabel("想对老师说的话");

  // No network: nothing is sent, and the words stay, with a line saying so.
  await phone.setOffline(true);
  await message.fill(words);
  await parent.getByRole("button", { name: "发送" }).click();
  await expect(parent.getByRole("alert")).toContainText("没有网络：还没有发出去");
  await expect(message).toHaveValue(words);

  // A signal, but the send gets no answer: the browser's error page, then Back.
  await phone.setOffline(false);
  await expect(parent.getByRole("alert")).toHaveCount(0);
  await parent.route("**/api/family/message", (route) => route.abort("internetdisconnected"));
  await parent.getByRole("button", { name: "发送" }).click().catch(() => {});
  await parent.waitForURL((u) => !u.pathname.startsWith("/family/"));
  await parent.goBack();
  await expect(message).toHaveValue(words);
  await expect(parent.getByRole("alert")).toContainText("上次可能没有送到");

  // Sent at last: the school says so, and the words are not put back again.
  await parent.unroute("**/api/family/message");
  await parent.getByRole("button", { name: "发送" }).click();
  await expect(parent.getByRole("status")).toContainText("已发送");
  await expect(parent.getByTestId("sent")).toContainText(words);
  await parent.goto(new URL(url).pathname);
  await expect(message).toHaveValue("");
  await phone.close();
});
