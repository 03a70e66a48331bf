// Every Playwright worker has a server of its own, on a free port, on a fresh copy of the
// seeded template: no data shared between workers, no shared sign-in limits, nothing left
// behind. Tests import `test` and `expect` from here.
import { test as base, expect } from "@playwright/test";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, stopServer } from "../server";

export const test = base.extend<{}, { server: { baseURL: string } }>({
  server: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), "hopehome-e2e-worker-"));
      const database = join(dir, "e2e.db");
      const template = process.env.HOPEHOME_E2E_TEMPLATE!;
      copyFileSync(template, database);
      // Committed pages may still be in the write-ahead log: it travels with the file.
      if (existsSync(`${template}-wal`)) copyFileSync(`${template}-wal`, `${database}-wal`);
      const running = await startServer(database, false);
      await use({ baseURL: running.baseURL });
      await stopServer(running);
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: "worker", timeout: 90_000 },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.baseURL);
  },
});

export { expect };
export type { Locator, Page } from "@playwright/test";
