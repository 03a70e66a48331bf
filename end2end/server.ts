// Starting the real server for the browser tests: the release build, on a free port (0),
// on a database of its own, and knowing when it is ready (it prints its address).
import { spawn, type ChildProcess } from "node:child_process";
import { SCHOOL_TODAY } from "./tests/today";

export interface Running {
  process: ChildProcess;
  baseURL: string;
}

export async function startServer(database: string, seed: boolean): Promise<Running> {
  const child = spawn("../target/release/server", [], {
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
