// Seeds the demo school once, into a template every worker copies (seeding takes a few
// seconds; a copy takes milliseconds).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, stopServer } from "./server";

export default async function globalSetup() {
  const dir = mkdtempSync(join(tmpdir(), "hopehome-e2e-template-"));
  const template = join(dir, "template.db");
  const running = await startServer(template, true);
  await stopServer(running);
  process.env.HOPEHOME_E2E_TEMPLATE = template;
  // Removed when the run ends.
  return async () => {
    const { rmSync } = await import("node:fs");
    rmSync(dir, { recursive: true, force: true });
  };
}
