// The tracker, then `next build` and the /api/track bundle only when a source
// is newer than the last build; shared by `npm start` and the benchmarks.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { root } from "./env.mjs";
import { duration, runStep } from "./run-step.mjs";

const SOURCES = ["app", "components", "lib", "models", "public", "instrumentation.ts", "next.config.mjs", "package-lock.json", "postcss.config.mjs", "README.md"]; // README: served as /docs

function newestMtime(p) {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

export function buildIsStale(distDir = ".next") {
  const buildId = path.join(root, distDir, "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const newest = Math.max(...SOURCES.map((s) => path.join(root, s)).filter(existsSync).map(newestMtime));
  return newest > statSync(buildId).mtimeMs;
}

/** Next.js sends anonymous usage data unless told not to: nothing leaves this machine. */
export const quietEnv = (env = process.env) => ({ ...env, NEXT_TELEMETRY_DISABLED: "1" });

/** Builds the tracker's variants (always: they are generated, and it takes a second). */
export function buildTracker(env = process.env) {
  return runStep("tracker build", process.execPath, [path.join(root, "scripts", "build-tracker.mjs")], { cwd: root, env });
}

/** Builds the app if stale; resolves true when it built. */
export async function buildIfStale(env = process.env, log = (msg) => process.stderr.write(`[build] ${msg}\n`)) {
  await buildTracker(env);
  if (!buildIsStale(env.NEXT_DIST_DIR || ".next")) return false;
  log("building the app (next build; the first build takes a few minutes)...");
  const ms = await runStep("app build", path.join(root, "node_modules", ".bin", "next"), ["build"], { cwd: root, env: quietEnv({ ...env, NODE_ENV: "production" }) });
  await runStep("app build: /api/track bundle", process.execPath, [path.join(root, "scripts", "build-ingest.mjs")], { cwd: root, env });
  log(`built in ${duration(ms)}`);
  return true;
}
