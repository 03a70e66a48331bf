// Starting the real server for the browser tests, on a free port (0), on a database of its
// own, and knowing when it is ready (it prints its address). The tests run the dev build
// `make test` makes (built in seconds after a change, where the release build takes
// minutes); `make measure` times the release build, the one a school runs (E2E_SERVER).
import { existsSync } from "node:fs";
import { spawn, type ChildProcess } from "node:child_process";
import { SCHOOL_TODAY } from "./tests/today";

export interface Running {
  process: ChildProcess;
  baseURL: string;
}

export async function startServer(database: string, seed: boolean): Promise<Running> {
  const binary = process.env.E2E_SERVER ?? "../target/debug/server";
  if (!existsSync(binary)) {
    const how = binary.includes("release") ? "make build" : "cargo build -p server --bin server";
    throw new Error(`${binary} is not built: \`${how}\` builds it`);
  }
  const child = spawn(binary, [], {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${database}`,
      LEPTOS_SITE_ADDR: "127.0.0.1:0",
      LEPTOS_SITE_ROOT: "../target/site",
      SEED_DEMO: seed ? "1" : "0",
      SCHOOL_TODAY,
      RUST_LOG: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const baseURL = await new Promise<string>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${seen}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const found = seen.match(/serving on (http:\/\/127\.0\.0\.1:\d+)/);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready:\n${seen}`));
    });
  });
  return { process: child, baseURL };
}

export async function stopServer(running: Running) {
  if (running.process.exitCode !== null) return;
  const exited = new Promise((resolve) => running.process.once("exit", resolve));
  // Ctrl-C: the server's graceful shutdown.
  running.process.kill("SIGINT");
  await exited;
}
