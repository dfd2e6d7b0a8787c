// The parts `npm run chaos` (scripts/chaos.mjs) is made of: a production
// server on loopback that can be killed and started again on the same port,
// log directory and database; a paced load of pageviews that remembers which
// were acknowledged; and what the store holds of them in the end.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { MongoClient, ObjectId } from "mongodb";
import { root, serverEnv } from "./env.mjs";
import { freePort, withDatabase } from "./store.mjs";

const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
// Servers still running when this process ends (a failed drill, Ctrl-C) are killed with it.
const running = new Set();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true; resolves with the time it happened, or null after `timeoutMs`. */
export async function until(check, timeoutMs, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return Date.now();
    await sleep(everyMs);
  }
  return null;
}

/** GET /api/health: `{status, body}`, or null when nothing answers. */
export async function health(url) {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: await res.json() };
  } catch {
    return null;
  }
}

/**
 * One deployment: a database on the store, a log directory and a port.
 * `start()` runs its server (again after a kill, as a process manager would).
 */
export function deployment({ storeUri, dataDir, name, env = {} }) {
  const dbUri = withDatabase(storeUri, `chaos_${name}`);
  const ingestDir = path.join(dataDir, `ingest-${name}`);
  // Its own stats engine directory: the drills must not touch a running install's.
  const engineDir = path.join(dataDir, `engine-${name}`);
  mkdirSync(ingestDir, { recursive: true });
  let port;
  let server = null;
  let output = "";
  const dep = {
    dbUri,
    ingestDir,
    engineDir,
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get server() {
      return server;
    },
    output: () => output,
    async start() {
      port ??= await freePort();
      const child = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
        env: serverEnv({
          ...process.env,
          NODE_ENV: "production",
          PORT: String(port),
          HOST: "127.0.0.1",
          MONGODB_URI: dbUri,
          TRAILMARK_INGEST_DIR: ingestDir,
          TRAILMARK_ENGINE_DIR: engineDir,
          NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
          NEXTAUTH_URL: `http://127.0.0.1:${port}`,
          ...env,
        }),
      });
      const keep = (d) => (output = (output + d).slice(-20_000));
      child.stdout.on("data", keep);
      child.stderr.on("data", keep);
      server = child;
      running.add(child);
      child.once("exit", () => running.delete(child));
      // Up when it answers at all: during a store outage health is a 503, and that is an answer.
      const up = await until(async () => child.exitCode === null && (await health(dep.url)) !== null, 90_000);
      if (!up) throw new Error(`the server did not start:\n${output.slice(-2000)}`);
    },
    /** Sends `signal` to the server and waits until it has exited. */
    async kill(signal) {
      const child = server;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill(signal);
      await exited;
    },
  };
  return dep;
}

/** A website straight in the deployment's database. */
export async function createSite(dbUri) {
  const client = await MongoClient.connect(dbUri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const { insertedId } = await client.db().collection("websites").insertOne({ userId: new ObjectId(), domain: "chaos.example", name: "chaos", timezone: "UTC", currency: "USD", settings: {}, createdAt: new Date(), updatedAt: new Date() });
    return String(insertedId);
  } finally {
    await client.close();
  }
}

/**
 * `perSecond` pageviews from `concurrency` loops, each with its own number in
 * its path, until stop(). Remembers when each acknowledged one was answered;
 * counts the refused ones (503, or nothing listening: the sender knows), other
 * answers, and requests cut mid-way (the server died under them: such an
 * event may or may not have been logged, and either is correct).
 */
export function startLoad(dep, websiteId, { concurrency = 8, perSecond = 200 } = {}) {
  let next = 0;
  let running = true;
  const acked = new Map();
  const counts = { refused: 0, cut: 0, other: 0 };
  const gap = (concurrency / perSecond) * 1000;
  const loop = async () => {
    while (running) {
      const started = Date.now();
      const n = next++;
      try {
        const res = await fetch(`${dep.url}/api/track`, {
          method: "POST",
          headers: { "content-type": "text/plain", "user-agent": UA },
          body: JSON.stringify({ type: "pageview", websiteId, url: `https://chaos.example/e/${n}`, visitorId: `v${n % 40}`, sessionId: `s${n % 40}` }),
          signal: AbortSignal.timeout(15_000),
        });
        await res.arrayBuffer();
        if (res.status === 202 && !res.headers.has("x-trailmark-dropped")) acked.set(n, Date.now());
        else if (res.status === 503) counts.refused++;
        else counts.other++;
      } catch (err) {
        if (err.cause?.code === "ECONNREFUSED") counts.refused++;
        else counts.cut++;
      }
      await sleep(Math.max(0, gap - (Date.now() - started)));
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return {
    acked,
    counts,
    /** Events acknowledged after `t` (ms since the epoch). */
    ackedAfter: (t) => [...acked.values()].filter((at) => at > t).length,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** How many times each load path was stored, as `[path, times]` pairs, tallied against what was acknowledged. */
function tally(pairs, acked) {
  const seen = new Map();
  for (const [p, times] of pairs) {
    const n = Number(/^\/e\/(\d+)$/.exec(p)?.[1]);
    seen.set(n, (seen.get(n) ?? 0) + times);
  }
  let stored = 0;
  let duplicated = 0;
  for (const times of seen.values()) {
    stored += times;
    duplicated += times - 1;
  }
  const lost = [...acked.keys()].filter((n) => !seen.has(n)).length;
  return { stored, lost, duplicated };
}

/** What the store holds of the load: how many documents, and which acknowledged events are missing or doubled. */
export async function verify(dbUri, websiteId, acked) {
  const client = await MongoClient.connect(dbUri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const pairs = [];
    const cursor = client.db().collection("pageviews").find({ websiteId: new ObjectId(websiteId) }, { projection: { _id: 0, path: 1 } });
    for await (const { path: p } of cursor) pairs.push([p, 1]);
    return tally(pairs, acked);
  } finally {
    await client.close();
  }
}

// Run in a child process: libchdb opens one data directory per process, and every drill has its own.
const ENGINE_COUNT = `
const { Session } = require("chdb");
const [dir, db, site] = process.argv.slice(1);
const s = new Session(dir);
const q = "SELECT path, toUInt32(count()) AS n FROM " + db + ".events WHERE website_id = '" + site.replace(/[^0-9a-f]/g, "") + "' AND kind = 'pageview' GROUP BY path";
process.stdout.write(JSON.stringify(JSON.parse(s.query(q, "JSONCompact").toString()).data));
s.close();
`;

/** The same tally over the stats engine's rows, read once the server has stopped (it holds the directory while it runs). */
export function verifyEngine(engineDir, websiteId, acked) {
  const db = process.env.TRAILMARK_ENGINE_DATABASE || "trailmark";
  const res = spawnSync(process.execPath, ["-e", ENGINE_COUNT, engineDir, db, websiteId], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`reading the engine's rows failed: ${res.stderr.slice(-500)}`);
  return tally(JSON.parse(res.stdout), acked);
}

/** Mounts a tmpfs of `size` on `dir` (root only); returns how to unmount it, or null when it cannot. */
export function mountTmpfs(dir, size) {
  const res = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "trailmark-chaos", dir], { stdio: "ignore" });
  if (res.status !== 0) return null;
  return () => spawnSync("umount", ["-l", dir], { stdio: "ignore" });
}

/** Fills the file system of `dir` with one file until it is full; returns the file, to delete when the disk should have room again. */
export function fillDisk(dir) {
  const file = path.join(dir, "filler");
  const fd = openSync(file, "w");
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (err) {
    if (err.code !== "ENOSPC") throw err;
  } finally {
    closeSync(fd);
  }
  return () => rmSync(file, { force: true });
}

/** Sets the server's soft file-size limit (RLIMIT_FSIZE); "unlimited" lifts it. */
export function limitFileSize(pid, bytes) {
  const res = spawnSync("prlimit", ["--pid", String(pid), `--fsize=${bytes}:`], { encoding: "utf8" });
  if (res.status !== 0) throw new Error(`prlimit failed: ${res.stderr || res.error}`);
}
