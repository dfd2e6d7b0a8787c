// `npm start` (production build on PORT, demo seeded) and `npm run dev`.
// The port answers from the first second: a "starting" page (503, reloading
// itself) holds it through the store, the build and the seed, and the server
// takes it over once prepared. Each phase is announced and timed; silent
// phases print a heartbeat. Nothing is sent to outside services (Next.js
// telemetry is off). When the server dies, the store is stopped and the
// launcher exits non-zero.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import path from "node:path";
import { buildIfStale, buildTracker, quietEnv } from "./build-if-stale.mjs";
import { appDatabaseUri, ensureSecret, loadDotEnv, root, serverEnv } from "./env.mjs";
import { duration, runStep } from "./run-step.mjs";
import { startPlaceholder } from "./starting-page.mjs";
import { startStore } from "./store.mjs";

const dev = process.argv.includes("--dev");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const log = (msg) => process.stderr.write(`[start] ${msg}\n`);
const started = Date.now();
const timings = [];

loadDotEnv();
ensureSecret();
const port = process.env.PORT || "3000";
const host = process.env.HOST || "127.0.0.1";

let placeholder = null;
let store = null;
let child = null;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
  await placeholder?.close();
  await store?.stop();
  process.exit(code);
}
process.on("SIGINT", () => shutdown(130));
process.on("SIGTERM", () => shutdown(143));

/** Runs one phase: the starting page and the log say it, and its time is kept for the summary. */
async function phase(name, fn) {
  placeholder?.setPhase(name);
  log(`${name}...`);
  const t = Date.now();
  const result = await fn();
  timings.push(`${name.toLowerCase()} ${duration(Date.now() - t)}`);
  return result;
}

/** Starts the server; resolves once it is prepared and listening on the port the starting page held. */
async function serve(env) {
  if (dev) {
    // next dev binds the port itself and compiles pages when asked.
    await placeholder.close();
    child = spawn(bin("next"), ["dev", "-p", port, "-H", host], { cwd: root, stdio: "inherit", env: { ...env, NODE_ENV: "development" } });
    return;
  }
  child = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], { cwd: root, stdio: ["inherit", "inherit", "inherit", "ipc"], env: serverEnv({ ...env, NODE_ENV: "production" }) });
  const message = (type) => new Promise((resolve) => child.on("message", (m) => m?.type === type && resolve()));
  const died = new Promise((_, reject) => child.once("exit", (code, signal) => reject(new Error(`the server exited while starting (${signal ?? `exit code ${code}`})`))));
  await Promise.race([message("prepared"), died]);
  await placeholder.close();
  child.send({ type: "listen" });
  await Promise.race([message("listening"), died]);
}

try {
  placeholder = await startPlaceholder({ port, host }).catch((err) => {
    throw new Error(err.code === "EADDRINUSE" ? `port ${port} on ${host} is in use: stop what runs there, or choose another with PORT=` : err.message);
  });
  log(`http://localhost:${port} shows a "starting" page until Trailmark is ready`);
  // An embedded store is restarted when it dies; one that cannot be is the end of this run.
  store = await phase("Starting the store", () => startStore({ onGiveUp: () => shutdown(1) }));
  const env = quietEnv({ ...process.env, MONGODB_URI: appDatabaseUri(store), ...(store.statusFile && { TRAILMARK_STORE_STATUS: store.statusFile }), NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`, PORT: port, HOST: host });
  if (dev) await phase("Building the tracker", () => buildTracker(env));
  else await phase("Building the app", () => buildIfStale(env));
  // An install from before the stats engine: its raw documents go into the engine once, before the server opens it.
  await phase("Filling the stats engine", () => runStep("engine backfill", bin("tsx"), ["scripts/backfill.ts", "--if-needed"], { cwd: root, env }));
  if (process.env.TRAILMARK_DEMO !== "false") await phase("Seeding the demo", () => runStep("demo seed", bin("tsx"), ["scripts/seed.ts", "--if-missing"], { cwd: root, env }));
  await phase("Starting the server", () => serve(env));
  child.on("exit", (code, signal) => {
    if (stopping) return;
    log(`the server stopped (${signal ?? `exit code ${code}`}); stopping the store`);
    shutdown(signal ? 128 + (constants.signals[signal] ?? 0) : code || 1);
  });
  log(`Trailmark on http://localhost:${port} (store: ${store.kind}), ready in ${duration(Date.now() - started)}: ${timings.join(", ")}`);
} catch (err) {
  log(err.message);
  await shutdown(1);
}
