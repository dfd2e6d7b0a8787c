// npm run bench:ingest: real HTTP POSTs to /api/track on the production server
// over the embedded store, from loopback. Prints accepted events/s, latency
// percentiles, the server's peak RSS, and how long the store took to hold
// everything that was acknowledged. Bounded: BENCH_SECONDS (default 20) of load.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { MongoClient, ObjectId } from "mongodb";
import { connect, postRequest } from "./bench-client.mjs";
import { hasWrk, runWrk } from "./bench-wrk.mjs";
import { buildIfStale } from "./build-if-stale.mjs";
import { root, serverEnv } from "./env.mjs";
import { freePort, startStore, withDatabase } from "./store.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS || 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 32);
const VISITORS = 2000;
const UAS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
];
const REFERRERS = ["", "https://www.google.com/", "https://t.co/abc", "https://news.ycombinator.com/"];
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

// CPU seconds a process has used (user + system), from /proc: on a shared
// machine, CPU per event says more about a change than events per second.
const cpuSeconds = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const rssMb = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;
  } catch {
    return 0;
  }
};

// BENCH_CLIENT=node-http: node:http's client, as the bench used before (to compare).
async function trackClient(port) {
  if (process.env.BENCH_CLIENT !== "node-http") {
    const conn = connect(port);
    await conn.ready;
    return { post: async (body) => isAccepted(await conn.send(body.request)), close: conn.close };
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = (body) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path: "/api/track", method: "POST", agent, headers: { "content-type": "text/plain", "user-agent": body.ua, "content-length": Buffer.byteLength(body.json) } }, (res) => {
        res.resume();
        res.on("end", () => resolve(isAccepted({ status: res.statusCode, headers: res.headers })));
      });
      req.on("error", reject);
      req.end(body.json);
    });
  return { post, close: () => agent.destroy() };
}
const isAccepted = ({ status, headers }) => status === 202 && !headers["x-trailmark-dropped"];

/**
 * Each visitor's event, made once: the n-th request comes from visitor n % VISITORS
 * and views page n % 50, which (VISITORS being a multiple of 50) is fixed per visitor.
 */
function visitorEvents(websiteId, port) {
  return Array.from({ length: VISITORS }, (_, v) => {
    const ua = UAS[v % UAS.length];
    const json = JSON.stringify({ type: "pageview", websiteId: String(websiteId), url: `https://bench.example/page/${v % 50}`, referrer: REFERRERS[v % REFERRERS.length], visitorId: `v${v}`, sessionId: `s${v}` });
    return { ua, json, request: postRequest("/api/track", { Host: `127.0.0.1:${port}`, "Content-Type": "text/plain", "User-Agent": ua }, json) };
  });
}

/** The load from this process: CONCURRENCY clients, each posting the next visitor's event as soon as the last one was answered. */
async function nodeLoad(port, events, started, progress) {
  const clients = await Promise.all(Array.from({ length: CONCURRENCY }, () => trackClient(port)));
  const latencies = [];
  let acked = 0, failed = 0, seq = 0;
  const deadline = started + SECONDS * 1000;
  const worker = async (conn) => {
    while (performance.now() < deadline) {
      const body = events[seq++ % VISITORS];
      const t = performance.now();
      try {
        if (await conn.post(body)) progress(++acked);
        else failed++;
      } catch {
        failed++;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(clients.map(worker));
  for (const c of clients) c.close();
  latencies.sort((a, b) => a - b);
  return { total: acked + failed, failed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) };
}

async function main() {
  const distDir = ".next";
  await buildIfStale({ ...process.env, NEXT_DIST_DIR: distDir });
  const dataDir = path.join(root, ".data", `bench-${process.pid}`);
  const store = await startStore({ dataDir });
  const dbUri = withDatabase(store.uri, "bench");
  const client = await MongoClient.connect(dbUri);
  const db = client.db();
  const websiteId = new ObjectId();
  await db.collection("websites").insertOne({ _id: websiteId, userId: new ObjectId(), domain: "bench.example", name: "bench", settings: {} });

  const port = await freePort();
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = (process.env.BENCH_NODE_ARGS || "").split(" ").filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, path.join(root, "scripts", "server.mjs")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: serverEnv({ ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distDir, PORT: String(port), HOST: "127.0.0.1", MONGODB_URI: dbUri, NEXTAUTH_SECRET: "bench", TRAILMARK_INGEST_DIR: path.join(dataDir, "ingest") }),
  });
  // A bench that fails must not leave its server running (the store exits with its pipe).
  process.on("exit", () => server.kill());
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }

  const events = visitorEvents(websiteId, port);
  // BENCH_CLIENT: "wrk" (the default where Debian's wrk is installed), "node" (the bench's own client) or "node-http".
  const clientName = process.env.BENCH_CLIENT || (hasWrk() ? "wrk" : "node");
  let acked = 0, peakRss = 0;
  const cpuAtStart = { server: cpuSeconds(server.pid), store: cpuSeconds(store.child?.pid), bench: cpuSeconds(process.pid) };
  const started = performance.now();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(server.pid));
    const elapsed = (performance.now() - started) / 1000;
    const count = clientName === "wrk" ? "" : `${acked} accepted (${Math.round(acked / elapsed)}/s), `;
    process.stderr.write(`\r[bench] ${elapsed.toFixed(0)}/${SECONDS} s: ${count}RSS ${rssMb(server.pid).toFixed(0)} MB   `);
  }, 500);
  const load = clientName === "wrk"
    ? await runWrk({ port, seconds: SECONDS, connections: CONCURRENCY, requests: events, dir: dataDir })
    : await nodeLoad(port, events, started, (n) => (acked = n));
  acked = load.total - load.failed;
  const loadSeconds = (performance.now() - started) / 1000;
  // The load generator shares the cores with the server: what it spent is what the server could not.
  const benchCpu = cpuSeconds(process.pid) - cpuAtStart.bench + (load.cpu ?? 0);
  clearInterval(sampler);
  process.stderr.write("\n");

  // How long the store takes to hold every acknowledged event (the buffer absorbs bursts).
  // The server deletes a log segment once everything in it is in the store, so an
  // empty log directory says so without asking the store: counting the pageviews
  // scans them all on FerretDB, and polling that once a second cost the store
  // more CPU than writing them.
  const ingestDir = path.join(dataDir, "ingest");
  const drainStart = performance.now();
  const catchUpMs = Number(process.env.BENCH_CATCHUP_SECONDS || 300) * 1000;
  while (performance.now() - drainStart < catchUpMs && readdirSync(ingestDir).length) {
    peakRss = Math.max(peakRss, rssMb(server.pid));
    await new Promise((r) => setTimeout(r, 100));
  }
  const drainSeconds = (performance.now() - drainStart) / 1000;
  const cpuAtEnd = { server: cpuSeconds(server.pid), store: cpuSeconds(store.child?.pid) };
  const cpuPerEvent = (name) => `${(((cpuAtEnd[name] - cpuAtStart[name]) * 1e6) / Math.max(1, acked)).toFixed(0)} µs`;
  const stored = await db.collection("pageviews").countDocuments({ websiteId });
  // BENCH_COMMANDS=1: what the store was asked, by command (FerretDB's serverStatus counts them).
  const commands = process.env.BENCH_COMMANDS ? (await client.db("admin").command({ serverStatus: 1 })).metrics?.commands : undefined;

  const rows = [
    ["load", `${SECONDS} s, ${CONCURRENCY} keep-alive connections, ${VISITORS} visitors, client ${clientName}`],
    ["accepted", `${acked} events (${load.failed} failed)`],
    ["accepted events/s", Math.round(acked / loadSeconds)],
    ["latency p50 / p99 / max", `${load.p50.toFixed(1)} / ${load.p99.toFixed(1)} / ${load.max.toFixed(1)} ms`],
    ["server peak RSS", `${peakRss.toFixed(0)} MB`],
    ["in the store", `${stored} of ${acked}, ${drainSeconds.toFixed(1)} s after the load ended`],
    ["store write rate", `${Math.round(stored / (loadSeconds + drainSeconds))} events/s over load + catch-up`],
    ["CPU per event", `server ${cpuPerEvent("server")}, store ${cpuPerEvent("store")} (load + catch-up)`],
    ["load generator CPU", `${((benchCpu * 1e6) / Math.max(1, acked)).toFixed(0)} µs per event (${Math.round((100 * benchCpu) / loadSeconds)}% of a core)`],
  ];
  if (commands) rows.push(["store commands", Object.entries(commands).map(([name, { total }]) => `${name} ${total}`).join(", ")]);
  console.log("\nIngest benchmark (POST /api/track, production server, embedded FerretDB store)");
  for (const [k, v] of rows) console.log(`  ${k.padEnd(24)} ${v}`);

  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  const afterStop = await db.collection("pageviews").countDocuments({ websiteId });
  console.log(`  ${"after SIGTERM's flush".padEnd(24)} ${afterStop} of ${acked} in the store`);
  await client.close();
  await store.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
