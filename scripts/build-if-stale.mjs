// `next build` only when a source is newer than the last build, shared by
// `npm start` and the benchmarks.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { root } from "./env.mjs";

const SOURCES = ["app", "components", "lib", "models", "public", "instrumentation.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

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

export function buildIfStale(env = process.env) {
  if (!buildIsStale(env.NEXT_DIST_DIR || ".next")) return;
  process.stderr.write("[build] building the app (next build)...\n");
  const res = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { cwd: root, stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
  if (res.status !== 0) throw new Error("next build failed");
  const ingest = spawnSync(process.execPath, [path.join(root, "scripts", "build-ingest.mjs")], { cwd: root, stdio: "inherit", env });
  if (ingest.status !== 0) throw new Error("bundling the /api/track handler failed");
}
