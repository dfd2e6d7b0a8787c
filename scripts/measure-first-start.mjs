// Measures what a new user waits for: a fresh clone of this checkout's HEAD,
// `npm install`, then `npm start` until the app answers, with empty npm and Go
// caches (--warm keeps yours). Prints each phase's time; nothing is left
// behind but the temporary directory it names (removed unless --keep).
//   npm run measure:first-start [-- --warm] [-- --keep]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { root } from "./env.mjs";
import { duration } from "./run-step.mjs";
import { freePort } from "./store.mjs";

const warm = process.argv.includes("--warm");
const keep = process.argv.includes("--keep");
const dir = mkdtempSync(path.join(tmpdir(), "trailmark-first-start-"));
const clone = path.join(dir, "trailmark");
const caches = warm ? {} : { npm_config_cache: path.join(dir, "npm-cache"), GOMODCACHE: path.join(dir, "go-mod"), GOCACHE: path.join(dir, "go-build") };
const env = { ...process.env, ...caches };
delete env.MONGODB_URI;
const log = (msg) => process.stderr.write(`[measure] ${msg}\n`);
const results = [];
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");

log(`${warm ? "warm" : "empty"} caches; working in ${dir}; load average ${load()}`);
let t = Date.now();
if (spawnSync("git", ["clone", "--quiet", root, clone], { stdio: "inherit" }).status !== 0) process.exit(1);
results.push(["git clone", Date.now() - t]);

t = Date.now();
const install = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: clone, env, stdio: "inherit" });
if (install.status !== 0) process.exit(1);
results.push(["npm install", Date.now() - t]);

const port = await freePort();
t = Date.now();
// Its own process group, so it and everything it starts stop together.
const start = spawn("npm", ["start"], { cwd: clone, env: { ...env, PORT: String(port) }, stdio: ["ignore", "inherit", "pipe"], detached: true });
let phases = "";
start.stderr.on("data", (d) => {
  process.stderr.write(d);
  const m = /ready in [^:]+: (.*)/.exec(d.toString());
  if (m) phases = m[1];
});
let firstAnswer = 0;
for (;;) {
  if (start.exitCode !== null) {
    log(`npm start exited with ${start.exitCode}`);
    process.exit(1);
  }
  const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
  if (res && !firstAnswer) firstAnswer = Date.now() - t;
  if (res?.status === 200) break;
  await new Promise((r) => setTimeout(r, 200));
}
results.push(["npm start: first answer on the port", firstAnswer], ["npm start: app ready (/api/health 200)", Date.now() - t]);
process.kill(-start.pid, "SIGINT");
await new Promise((r) => start.once("exit", r));

t = Date.now();
const again = spawn("npm", ["start"], { cwd: clone, env: { ...env, PORT: String(port) }, stdio: "ignore", detached: true });
for (;;) {
  const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
  if (res?.status === 200) break;
  await new Promise((r) => setTimeout(r, 200));
}
results.push(["second npm start: app ready", Date.now() - t]);
process.kill(-again.pid, "SIGINT");
await new Promise((r) => again.once("exit", r));

if (!keep) {
  // Go's module cache is read-only: make it removable first.
  spawnSync("chmod", ["-R", "u+w", dir]);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\nfirst start (${warm ? "warm" : "empty"} npm and Go caches), load average now ${load()}:`);
for (const [what, ms] of results) console.log(`  ${what.padEnd(42)} ${duration(ms)}`);
if (phases) console.log(`  npm start's phases: ${phases}`);
