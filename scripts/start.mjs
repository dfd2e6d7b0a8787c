// `npm start` (production build on PORT, demo seeded) and `npm run dev`.
import { spawn, spawnSync } from "node:child_process";
import { constants } from "node:os";
import path from "node:path";
import { appDatabaseUri, ensureSecret, loadDotEnv, root } from "./env.mjs";
import { buildIfStale } from "./build-if-stale.mjs";
import { startStore } from "./store.mjs";

const dev = process.argv.includes("--dev");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const log = (msg) => process.stderr.write(`[start] ${msg}\n`);

function run(cmd, args, env) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (res.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(" ")} failed`);
}

loadDotEnv();
ensureSecret();
const port = process.env.PORT || "3000";
const host = process.env.HOST || "127.0.0.1";
// An embedded store is restarted when it dies; one that cannot be is the end of this run.
const store = await startStore({ onGiveUp: () => shutdown(1) });
const env = {
  ...process.env,
  MONGODB_URI: appDatabaseUri(store),
  ...(store.statusFile && { TRAILMARK_STORE_STATUS: store.statusFile }),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
};

let child;
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  await store.stop();
  process.exit(code);
}
process.on("SIGINT", () => shutdown(130));
process.on("SIGTERM", () => shutdown(143));

try {
  if (!dev) buildIfStale(env);
  // An install from before the stats engine: its raw documents go into the engine once, before the server opens it.
  run(bin("tsx"), ["scripts/backfill.ts", "--if-needed"], env);
  if (process.env.TRAILMARK_DEMO !== "false") run(bin("tsx"), ["scripts/seed.ts", "--if-missing"], env);
} catch (err) {
  log(err.message);
  await shutdown(1);
}

const command = dev ? [bin("next"), ["dev", "-p", port, "-H", host]] : [process.execPath, [path.join(root, "scripts", "server.mjs")]];
child = spawn(command[0], command[1], { cwd: root, stdio: "inherit", env: { ...env, PORT: port, HOST: host, NODE_ENV: dev ? "development" : "production" } });
// The server died (crash or signal) unless we stopped it: exit non-zero, store stopped, so a process manager restarts us.
child.on("exit", (code, signal) => {
  if (stopping) return;
  log(`server exited (${signal ?? `code ${code}`}); stopping the store`);
  shutdown(signal ? 128 + (constants.signals[signal] ?? 0) : code || 1);
});
log(`Trailmark on http://localhost:${port} (store: ${store.kind})`);
