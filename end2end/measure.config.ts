// Measurements, not tests (`make measure`): what a tablet feels, printed as figures. They
// share the tests' servers (one per worker, on a copy of the seeded demo school) but are
// never part of `make test`, and nothing in them fails on a time.
import { defineConfig } from "@playwright/test";
import base, { chromiumLaunch } from "./playwright.config";

// The tablet, in the whole browser a school's tablet runs (the tests run its headless shell):
// the figures in the README were measured in it.
const hydrated = base.projects!.find((p) => p.name === "hydrated")!;

// The release server, the one a school runs (the tests run the dev build).
process.env.E2E_SERVER ??= "../target/release/server";

export default defineConfig({
  ...base,
  testDir: "./measure",
  workers: 1,
  retries: 0,
  timeout: 10 * 60_000,
  globalTimeout: 20 * 60_000,
  projects: [
    {
      ...hydrated,
      use: {
        ...hydrated.use,
        launchOptions: { ...chromiumLaunch, executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" },
      },
    },
  ],
});
