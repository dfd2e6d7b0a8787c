// Decides and starts the store for `npm start`, `npm run dev`, `npm run seed`
// and `npm test`, in this order: MONGODB_URI; a `mongod` on PATH; the embedded
// FerretDB (built once from Go modules, data under .data/); mongodb-memory-server.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync, readdirSync } from "node:fs";
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

function supervise(child, uri, kind) {
  let alive = true;
  const exited = new Promise((resolve) => child.on("exit", () => { alive = false; resolve(); }));
  return {
    child,
    uri,
    kind,
    isAlive: () => alive,
    async stop() {
      if (!alive) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function startMongod(dataDir) {
  const port = await freePort();
  const dbpath = path.join(dataDir, "mongod");
  mkdirSync(dbpath, { recursive: true });
  const child = spawn("mongod", ["--bind_ip", "127.0.0.1", "--port", String(port), "--dbpath", dbpath], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  return supervise(child, `mongodb://127.0.0.1:${port}`, "mongod");
}

async function startFerret(bin, dataDir) {
  const port = await freePort();
  const child = spawn(bin, ["-listen", `127.0.0.1:${port}`, "-dir", path.join(dataDir, "ferretdb"), "-watch-stdin"], {
    stdio: ["pipe", "ignore", "inherit"],
  });
  return supervise(child, `mongodb://127.0.0.1:${port}`, "ferretdb");
}

async function startMemoryServer() {
  const { MongoMemoryServer } = await import("mongodb-memory-server-core");
  const server = await MongoMemoryServer.create({ instance: { ip: "127.0.0.1" } });
  return { uri: server.getUri().replace(/\/$/, ""), kind: "mongodb-memory-server", isAlive: () => true, stop: () => server.stop() };
}

/**
 * Starts (or points at) the store. Returns `{uri, kind, stop}`; `uri` has no
 * database name, callers add their own.
 */
export async function startStore({ dataDir = path.join(root, ".data") } = {}) {
  if (process.env.MONGODB_URI) {
    return { uri: process.env.MONGODB_URI, kind: "external", external: true, isAlive: () => true, stop: async () => {} };
  }
  let store;
  if (onPath("mongod")) {
    store = await startMongod(dataDir);
  } else {
    const bin = await buildFerret();
    store = bin ? await startFerret(bin, dataDir) : await startMemoryServer();
  }
  try {
    await waitForPing(store.uri, 60_000, store.isAlive);
  } catch (err) {
    await store.stop();
    throw err;
  }
  log(`${store.kind} ready at ${store.uri}`);
  return store;
}

/** Joins a server URI and a database name, keeping any query string. */
export function withDatabase(uri, dbName) {
  const u = new URL(uri);
  u.pathname = `/${dbName}`;
  return u.toString();
}
