// The month switch on the counselors' tablet (issue 17): Chromium slowed 4× (a cheap 10"
// Android tablet), signed in as the teacher, moving month by month through the school
// year with the "next month" link. Each switch is timed from the click until the new
// month's heading is shown and the calendar's island is ready again (`data-ready`).
// Then the first sight of the April 20 checkup on a cold page load under a slow mobile
// network (Chrome's "Slow 4G": 150 ms, 1.6 Mbit/s down, 750 kbit/s up) and the same 4×
// CPU. Prints the figures; asserts only that each switch happened.
//
// Chinese text is laid out with a CJK font, as on a tablet: without one Chromium searches
// its fallbacks for every character and layout takes about twice as long
// (`scripts/install-tools.sh --bench` installs Debian's fonts-wqy-microhei).
import { test, expect } from "../tests/fixtures";
import { signedInAs } from "../tests/helpers";

const SWITCHES = Number(process.env.SWITCHES ?? 24);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const f = (n: number) => `${n.toFixed(0)} ms`;
  return `${label}: n=${sorted.length}, p50 ${f(percentile(sorted, 50))}, p95 ${f(percentile(sorted, 95))}, max ${f(sorted[sorted.length - 1])}`;
}

test("the month switch and the first sight of the checkup on a slowed tablet", async ({ page }) => {
  await signedInAs(page, "teacher");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });

  await page.goto("/calendar?view=month&date=2026-09-01");
  await expect(page.locator(".calendar-gestures[data-ready]")).toBeAttached();
  // The islands' hydration after each switch, timed apart.
  await page.evaluate(() => {
    const w = window as any;
    const hydrate = w.__hydrateIsland;
    w.__hydration = [];
    w.__hydrateIsland = (...args: unknown[]) => {
      const started = performance.now();
      const result = hydrate(...args);
      w.__hydration.push(performance.now() - started);
      return result;
    };
  });
  await cdp.send("Performance.enable");
  const metrics = async () => Object.fromEntries(((await cdp.send("Performance.getMetrics")) as any).metrics.map((m: any) => [m.name, m.value]));
  const m0 = await metrics();
  const times: number[] = [];
  const fetched: number[] = [];
  const shown: number[] = [];
  const painted: number[] = [];
  for (let i = 0; i < SWITCHES; i++) {
    const before = await page.locator("#calendar-heading").textContent();
    // When the new month's heading appears, seen from inside the page.
    const started = await page.evaluate(() => {
      const w = window as any;
      w.__shownAt = 0;
      w.__paintedAt = 0;
      new MutationObserver((_, observer) => {
        if (document.querySelector("#calendar-heading")?.textContent !== w.__before) {
          w.__shownAt = performance.now();
          observer.disconnect();
          // The frame that draws it: the next animation frame, and the task after it.
          requestAnimationFrame(() => setTimeout(() => (w.__paintedAt = performance.now()), 0));
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
      w.__before = document.querySelector("#calendar-heading")?.textContent;
      performance.clearResourceTimings();
      return performance.now();
    });
    await page.locator('a[rel="next"]').click();
    await expect(page.locator("#calendar-heading")).not.toHaveText(before!);
    await expect(page.locator(".calendar-gestures[data-ready]")).toBeAttached();
    await page.waitForFunction(() => (window as any).__paintedAt > 0);
    const [ended, shownAt, responseEnd, paintedAt] = await page.evaluate(() => {
      const pages = performance.getEntriesByType("resource").filter((e) => e.name.includes("/calendar?"));
      return [performance.now(), (window as any).__shownAt, pages.length ? (pages[0] as PerformanceResourceTiming).responseEnd : 0, (window as any).__paintedAt];
    });
    times.push(ended - started);
    fetched.push(responseEnd - started);
    shown.push(shownAt - started);
    painted.push(paintedAt - started);
  }
  const m1 = await metrics();
  const hydration: number[] = await page.evaluate(() => (window as any).__hydration);

  // Chromium's own account of the main thread, per switch (its durations are in seconds).
  const perSwitch = (name: string) => `${(((m1[name] - m0[name]) * 1000) / SWITCHES).toFixed(0)} ms`;
  const account = `  the main thread per switch: layout ${perSwitch("LayoutDuration")}, style ${perSwitch("RecalcStyleDuration")}, script ${perSwitch("ScriptDuration")}, all tasks ${perSwitch("TaskDuration")}`;
  const switches = [
    summary("next month, 4× CPU, until the island is ready", times),
    summary("  of which: the page fetched", fetched),
    summary("  the new month in the page", shown),
    summary("  the new month drawn", painted),
    summary("  the island hydrated", hydration),
    account,
  ].join("\n");

  // A cold load: nothing cached, the network slowed as a village's mobile signal.
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = Date.now();
    await page.goto("/calendar?view=month&date=2027-04-01", { waitUntil: "commit" });
    await expect(page.locator('td[data-date="2027-04-20"] [data-category="checkup"]').first()).toBeVisible();
    loads.push(Date.now() - started);
  }
  const checkup = summary("April 20 checkup first seen, Slow 4G + 4× CPU", loads);
  console.log(`\n${switches}\n${checkup}\n`);
  test.info().annotations.push({ type: "month switch", description: switches }, { type: "checkup seen", description: checkup });
});
