import { defineConfig, devices } from "@playwright/test";

// Each worker starts its own server on a free port, on a copy of the demo school seeded
// once (global-setup.ts, tests/fixtures.ts).
// Debian's Chromium; Playwright's own browser download is unreachable here. Its headless
// shell (Debian's chromium-headless-shell: the same Blink and V8 without the browser around
// them, what Playwright itself runs headless) took the suite from 3 min 14 s to 2 min 40 s
// on 2 cores. CHROMIUM names another build; `make measure` times the whole browser.
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium-headless-shell",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

// The classroom and teachers' device: a 10" Android tablet in landscape, touch first.
const tablet = {
  ...devices["Galaxy Tab S4 landscape"],
  viewport: { width: 1024, height: 768 },
  locale: "zh-CN",
  launchOptions: chromiumLaunch,
};

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./global-setup.ts",
  fullyParallel: false,
  // Two workers, each with its own server and database (E2E_WORKERS to change).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  forbidOnly: !!process.env.CI,
  // One retry: a test that passes on it is reported flaky, not hidden.
  retries: 1,
  reporter: [["list"]],
  timeout: 30_000,
  // An assertion waits up to 10 s, not 5: on two cores shared by two browsers and two
  // servers, an island's readiness mark (the wasm fetched, compiled and hydrated) took over
  // 5 s about once a run, each time in another test, and never when run alone. A wait that
  // passes ends when it passes; only a failing one takes longer.
  expect: { timeout: 10_000 },
  // The whole run (about four minutes) may not take more than this: a stuck run ends named.
  globalTimeout: 20 * 60_000,
  // The offline page's service worker stays out of the tests but its own (offline.spec.ts):
  // a worker between the page and the network hides requests from `page.route`.
  use: { trace: "on-first-retry", serviceWorkers: "block" },
  projects: [
    // The server's HTML alone must work: links, not scripts.
    { name: "no-js", use: { ...tablet, javaScriptEnabled: false } },
    { name: "hydrated", use: { ...tablet, javaScriptEnabled: true } },
    // Mouse and keyboard on a desktop screen: the dragging that differs from touch.
    {
      name: "desktop",
      testMatch: /drag\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, locale: "zh-CN", launchOptions: chromiumLaunch },
    },
  ],
});
