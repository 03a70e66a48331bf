// A page opened with no network (a reload, Back to a page the browser did not keep) shows
// the school's offline page from the service worker (public/sw.js), in the school's words,
// not the browser's. The worker keeps that one page and nothing about anyone.
import { expect, test } from "./fixtures";
import { signedInAs } from "./helpers";

// The other tests keep the worker out (playwright.config.ts): here it is the subject.
test.use({ serviceWorkers: "allow" });

test("a page reloaded with no network shows the school's offline page; with a signal the app is back", async ({ page, context }) => {
  test.skip(test.info().project.name !== "hydrated", "the page's script registers the worker");
  await signedInAs(page, "counselor", "/care");
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 10_000 }).toBe(true);
  // One page kept, and it is the offline page: no child, no signed-in page.
  const kept = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  expect(kept).toEqual(["/offline.html"]);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("没有网络");
  await expect(page.locator("main")).toContainText("已经保存在这台设备上的记录不会丢失");
  // Drawn with its own style (the app's sheet is not kept): a page, not bare text.
  await expect(page.locator("main")).toHaveCSS("max-width", "640px");

  await context.setOffline(false);
  await page.getByRole("link", { name: "有信号后，点这里回到希望之家" }).click();
  await expect(page.getByTestId("user-menu")).toBeVisible();
  await page.goto("/care");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的结对儿童");
});
