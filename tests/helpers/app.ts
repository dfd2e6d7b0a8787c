import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { inject } from "vitest";
import { WAIT_MS } from "./eventually";
// @ts-expect-error plain ESM helper shared with npm start
import { freePort, withDatabase } from "../../scripts/store.mjs";
// @ts-expect-error idem
import { serverEnv } from "../../scripts/env.mjs";

const root = path.resolve(import.meta.dirname, "../..");

export type TestApp = {
  url: string;
  pid: number;
  dbUri: string;
  /** The stats engine the app uses: CLICKHOUSE_URL and database, or the embedded engine's directory. */
  engineEnv: Record<string, string>;
  ingestDir: string;
  /** Everything the server printed so far. */
  output: () => string;
  stop: () => Promise<void>;
  /** Sends a signal and waits for the process to exit. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
};

/** A fresh database on the run's store, named so a failing run can be inspected. */
export function freshDatabaseUri(label = "t"): string {
  const name = `${label.replace(/[^a-z0-9]/gi, "").slice(0, 20)}_${randomBytes(4).toString("hex")}`;
  return withDatabase(inject("storeUri"), name);
}

/** The run's stats engine, in the database named like the store database of `dbUri`: what a test and the app it starts share. */
export function sharedEngineEnv(dbUri: string): Record<string, string> {
  return { CLICKHOUSE_URL: inject("engineUrl"), TRAILMARK_ENGINE_DATABASE: new URL(dbUri).pathname.slice(1) };
}

/** Points this test process's lib/db and lib/engine at the app's databases, so factories seed what the app reads. */
export function useDatabasesOf(app: Pick<TestApp, "dbUri" | "engineEnv">): void {
  process.env.MONGODB_URI = app.dbUri;
  Object.assign(process.env, app.engineEnv);
}

class NotHealthy extends Error {}

// A start takes ~10 s with four apps starting at once on two cores; twice
// this deadline (a start and its retry) is still short of the hook's.
const HEALTHY_WITHIN_MS = 2 * WAIT_MS;

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new NotHealthy(`app did not become healthy in ${HEALTHY_WITHIN_MS / 1000} s:\n${output()}`);
}

/**
 * Starts the production build on 127.0.0.1 with its own database. A server
 * that does not become healthy in time is killed and started once more, on a
 * fresh port, with what it printed (the steps it was in) written to stderr:
 * on a machine busy with a whole suite a start has, rarely, not got there.
 */
export async function startApp(opts: Parameters<typeof startOnce>[0] = {}): Promise<TestApp> {
  try {
    return await startOnce(opts);
  } catch (err) {
    if (!(err instanceof NotHealthy)) throw err;
    process.stderr.write(`[tests] ${err.message}\n[tests] starting the app once more\n`);
    return startOnce(opts);
  }
}

async function startOnce(opts: { label?: string; env?: Record<string, string>; dbUri?: string; ingestDir?: string; engine?: "shared" | { dir: string } } = {}): Promise<TestApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Passing dbUri and ingestDir of a previous app restarts "the same" deployment.
  const dbUri = opts.dbUri ?? freshDatabaseUri(opts.label ?? "app");
  const ingestDir = opts.ingestDir ?? path.join(root, ".data", "test-ingest", `${port}-${process.pid}`);
  // The run's shared engine by default; `{ dir }` runs the embedded engine in the app's own process.
  const engineEnv = opts.engine && opts.engine !== "shared" ? { TRAILMARK_ENGINE_DIR: opts.engine.dir, CLICKHOUSE_URL: "" } : sharedEngineEnv(dbUri);
  let output = "";
  const child = spawn(process.execPath, [path.join(root, "scripts/server.mjs")], {
    cwd: root,
    env: serverEnv({
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: ".next-test",
      PORT: String(port),
      HOST: "127.0.0.1",
      TRAILMARK_INGEST_DIR: ingestDir,
      MONGODB_URI: dbUri,
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: "test-secret-not-for-production-0123456789",
      ...engineEnv,
      ...opts.env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill(signal);
    await exited;
  };
  try {
    await waitForHealth(url, child, () => output);
  } catch (err) {
    // A server that never became healthy must not outlive the test that started it,
    // nor still hold its files (the embedded engine's directory) when it is started again.
    await kill("SIGKILL");
    throw err;
  }
  return { url, pid: child.pid!, dbUri, engineEnv, ingestDir, output: () => output, stop: () => kill("SIGTERM"), kill };
}
