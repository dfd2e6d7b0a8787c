// One store and one production build for the whole run; each test file then
// starts its own app server on a fresh database (tests/helpers/app.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM helper shared with npm start
import { startStore } from "../../scripts/store.mjs";

const root = path.resolve(import.meta.dirname, "../..");
export const TEST_DIST_DIR = ".next-test";

declare module "vitest" {
  export interface ProvidedContext {
    storeUri: string;
    engineUrl: string;
  }
}

/**
 * One stats engine for the run, served over ClickHouse's HTTP interface
 * (scripts/engine-server.mjs): the test processes and the app servers they
 * start all reach it, each test file in a database of its own, as with the
 * store. Closing its stdin stops it.
 */
async function startEngine(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.join(root, "scripts/engine-server.mjs"), "--dir", dir, "--port", "0", "--watch-stdin"], { stdio: ["pipe", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /CLICKHOUSE_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`the stats engine exited with ${code} before it listened`)));
  });
  process.stderr.write(`[tests] stats engine at ${url}\n`);
  return {
    url,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.stdin!.end();
    }),
  };
}

function buildApp() {
  // The tracker's variants are generated, not committed; the app serves them from public/js.
  const tracker = spawnSync(process.execPath, [path.join(root, "scripts/build-tracker.mjs")], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (tracker.status !== 0) throw new Error("building the tracker failed; run `npm run build:tracker` to see why");
  // Always rebuilt: a stale build would test yesterday's code.
  if (process.env.TRAILMARK_TEST_SKIP_BUILD !== "1" || !existsSync(path.join(root, TEST_DIST_DIR, "BUILD_ID"))) {
    const started = Date.now();
    process.stderr.write("[tests] next build (for the app under test)...\n");
    const res = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: TEST_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (res.status !== 0) throw new Error("next build failed; run `npx next build` to see why");
    process.stderr.write(`[tests] built in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
  // The server's /api/track fast path (a second or so; rebuilt even when the Next.js build is reused).
  const ingest = spawnSync(process.execPath, [path.join(root, "scripts/build-ingest.mjs")], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: TEST_DIST_DIR } });
  if (ingest.status !== 0) throw new Error("bundling the /api/track handler failed");
}

export default async function setup(project: TestProject) {
  // A data dir per run: concurrent runs must not share (or delete) each other's files.
  const dataDir = path.join(root, ".data", "test-runs", String(process.pid));
  const store = await startStore({ dataDir });
  const engine = await startEngine(path.join(dataDir, "clickhouse"));
  try {
    buildApp();
  } catch (err) {
    await Promise.all([store.stop(), engine.stop()]);
    throw err;
  }
  project.provide("storeUri", store.uri);
  project.provide("engineUrl", engine.url);
  return async () => {
    await Promise.all([store.stop(), engine.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
