// Decides and starts the store for `npm start`, `npm run dev`, `npm run seed`
// and `npm test`, in this order: MONGODB_URI; a `mongod` on PATH; the embedded
// FerretDB (built once from Go modules, data under .data/); mongodb-memory-server.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MongoClient } from "mongodb";
import { preparePatchedFerret } from "./ferretdb/patch.mjs";
import { duration, runStep } from "./run-step.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ferretSrc = path.join(root, "scripts", "ferretdb");
const log = (msg) => process.stderr.write(`[store] ${msg}\n`);

/** A free TCP port on 127.0.0.1, chosen by the kernel. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once the server at `uri` answers `ping`, or rejects after `timeoutMs`. */
export async function waitForPing(uri, timeoutMs = 60_000, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error("store process exited before it answered ping");
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1000, directConnection: true });
    try {
      await client.connect();
      await client.db("admin").command({ ping: 1 });
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    } finally {
      await client.close().catch(() => {});
    }
  }
  throw new Error(`store at ${uri} did not answer ping within ${timeoutMs} ms: ${lastError?.message}`);
}

function onPath(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

function newestMtime(dir) {
  return Math.max(...readdirSync(dir).map((f) => statSync(path.join(dir, f)).mtimeMs));
}

/**
 * Builds the FerretDB wrapper unless the binary is newer than its sources.
 * Asynchronous, with heartbeats: the first build downloads and compiles Go
 * modules for minutes without a word.
 */
export async function buildFerret() {
  // One binary for every data dir (demo, tests): it is built once per checkout.
  const bin = path.join(root, ".data", "bin", "trailmark-store");
  if (existsSync(bin) && statSync(bin).mtimeMs >= newestMtime(ferretSrc)) return bin;
  if (!onPath("go")) return null;
  mkdirSync(path.dirname(bin), { recursive: true });
  log("building the embedded FerretDB store (first run only)...");
  const started = Date.now();
  log("downloading Go modules (nothing to download when the module cache has them)...");
  await runStep("store: go mod download", "go", ["mod", "download"], { cwd: ferretSrc });
  const work = preparePatchedFerret(ferretSrc, path.join(root, ".data", "ferretdb-src"));
  log("compiling...");
  await runStep("store: go build", "go", ["build", "-trimpath", "-o", bin, "."], { cwd: ferretSrc, env: { ...process.env, CGO_ENABLED: "0", GOWORK: work } });
  log(`built in ${duration(Date.now() - started)}`);
  return bin;
}

/**
 * Runs a store process and, once it has answered, restarts it whenever it
 * exits unasked: same port, same data, after a delay that doubles with each
 * failed attempt (restartBaseMs up to restartMaxMs). A store that keeps
 * failing for giveUpAfterMs is given up on and `onGiveUp` called (the launcher
 * then exits, so a process manager can restart everything). What it is doing
 * is written to <dataDir>/store-status.json, which /api/health shows.
 */
function supervise(spawnChild, uri, kind, dataDir, opts = {}) {
  const { restartBaseMs = 250, restartMaxMs = 10_000, giveUpAfterMs = 300_000, onGiveUp } = opts;
  const statusFile = path.join(dataDir, "store-status.json");
  let child;
  let exited;
  let armed = false;
  let stopping = false;
  let timer = null;
  let restarts = 0;
  let attempt = 0;
  let failingSince = null;
  let upSince = null;
  let lastExit;
  const alive = (c) => c.exitCode === null && c.signalCode === null;
  const status = (state) => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(`${statusFile}.tmp`, JSON.stringify({ state, kind, pid: child?.pid, restarts, lastExit, since: new Date().toISOString() }));
    renameSync(`${statusFile}.tmp`, statusFile);
  };
  const spawnOne = () => {
    const c = spawnChild();
    child = c;
    exited = new Promise((resolve) => c.once("exit", (code, signal) => {
      resolve();
      if (armed && !stopping && c === child) onExit(code, signal);
    }));
  };
  const onExit = (code, signal) => {
    lastExit = signal ?? `code ${code}`;
    // Up for a while before it died: a fresh failure, not part of a crash loop.
    if (upSince !== null && Date.now() - upSince > 30_000) {
      attempt = 0;
      failingSince = null;
    }
    upSince = null;
    failingSince ??= Date.now();
    if (Date.now() - failingSince > giveUpAfterMs) {
      status("failed");
      log(`${kind} keeps failing (${lastExit}); giving up after ${Math.round((Date.now() - failingSince) / 1000)} s`);
      onGiveUp?.();
      return;
    }
    const delay = Math.min(restartMaxMs, restartBaseMs * 2 ** attempt++);
    log(`${kind} exited (${lastExit}); restarting in ${delay} ms`);
    status("restarting");
    timer = setTimeout(restart, delay);
  };
  const restart = async () => {
    timer = null;
    if (stopping) return;
    restarts++;
    spawnOne();
    const c = child;
    status("restarting");
    try {
      await waitForPing(uri, 30_000, () => alive(c));
      if (stopping || c !== child) return;
      upSince = Date.now();
      status("running");
      log(`${kind} back at ${uri} (restart ${restarts})`);
    } catch {
      // Exited (its exit schedules the next attempt), or runs without answering: killed, which does the same.
      if (alive(c)) c.kill("SIGKILL");
    }
  };
  spawnOne();
  return {
    get child() {
      return child;
    },
    uri,
    kind,
    statusFile,
    isAlive: () => alive(child),
    /** Called once the first process answered: from now on, an exit is a failure to recover from. */
    arm() {
      armed = true;
      upSince = Date.now();
      status("running");
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      if (alive(child)) {
        child.kill("SIGTERM");
        const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(kill);
      }
      if (armed) status("stopped");
    },
  };
}

async function startMongod(dataDir, opts) {
  const port = await freePort();
  const dbpath = path.join(dataDir, "mongod");
  mkdirSync(dbpath, { recursive: true });
  const args = ["--bind_ip", "127.0.0.1", "--port", String(port), "--dbpath", dbpath];
  return supervise(() => spawn("mongod", args, { stdio: ["ignore", "ignore", "inherit"] }), `mongodb://127.0.0.1:${port}`, "mongod", dataDir, opts);
}

async function startFerret(bin, dataDir, opts) {
  const port = await freePort();
  const args = ["-listen", `127.0.0.1:${port}`, "-dir", path.join(dataDir, "ferretdb"), "-watch-stdin"];
  return supervise(() => spawn(bin, args, { stdio: ["pipe", "ignore", "inherit"] }), `mongodb://127.0.0.1:${port}`, "ferretdb", dataDir, opts);
}

async function startMemoryServer() {
  const { MongoMemoryServer } = await import("mongodb-memory-server-core");
  const server = await MongoMemoryServer.create({ instance: { ip: "127.0.0.1" } });
  return { uri: server.getUri().replace(/\/$/, ""), kind: "mongodb-memory-server", isAlive: () => true, stop: () => server.stop() };
}

/**
 * Starts (or points at) the store. Returns `{uri, kind, stop}`; `uri` has no
 * database name, callers add their own. A store process started here is
 * supervised (see supervise(); `statusFile` says how it is doing); options:
 * restartBaseMs, restartMaxMs, giveUpAfterMs, onGiveUp. Its data lives under
 * `dataDir` (default TRAILMARK_DATA_DIR, else .data).
 */
export async function startStore({ dataDir = process.env.TRAILMARK_DATA_DIR || path.join(root, ".data"), ...opts } = {}) {
  if (process.env.MONGODB_URI) {
    return { uri: process.env.MONGODB_URI, kind: "external", external: true, isAlive: () => true, stop: async () => {} };
  }
  let store;
  if (onPath("mongod")) {
    store = await startMongod(dataDir, opts);
  } else {
    const bin = await buildFerret();
    store = bin ? await startFerret(bin, dataDir, opts) : await startMemoryServer();
  }
  try {
    await waitForPing(store.uri, 60_000, store.isAlive);
  } catch (err) {
    await store.stop();
    throw err;
  }
  store.arm?.();
  log(`${store.kind} ready at ${store.uri}`);
  return store;
}

/** Joins a server URI and a database name, keeping any query string. */
export function withDatabase(uri, dbName) {
  const u = new URL(uri);
  u.pathname = `/${dbName}`;
  return u.toString();
}
