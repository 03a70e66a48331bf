import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SCHOOL_TODAY } from "./tests/today";

// A fresh server on a fresh database for every run: the demo school, seeded.
const port = Number(process.env.E2E_PORT ?? 3107);
const baseURL = `http://127.0.0.1:${port}`;
const database = join(mkdtempSync(join(tmpdir(), "hopehome-e2e-")), "e2e.db");


// Debian's Chromium; Playwright's own browser download is unreachable here.
const chromium = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
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
  launchOptions: chromium,
};

export default defineConfig({
  testDir: "./tests",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  // The whole run (about four minutes) may not take more than this: a stuck run ends named.
  globalTimeout: 20 * 60_000,
  use: { baseURL, trace: "retain-on-failure" },
  webServer: {
    command: "../target/release/server",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: {
      DATABASE_URL: `sqlite://${database}`,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: "../target/site",
      RUST_LOG: "warn",
      SCHOOL_TODAY,
    },
  },
  projects: [
    // The server's HTML alone must work: links, not scripts.
    { name: "no-js", use: { ...tablet, javaScriptEnabled: false } },
    { name: "hydrated", use: { ...tablet, javaScriptEnabled: true } },
    // Mouse and keyboard on a desktop screen: the dragging that differs from touch.
    {
      name: "desktop",
      testMatch: /drag\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, locale: "zh-CN", launchOptions: chromium },
    },
  ],
});
