// npm run bench:ingest: real HTTP POSTs to /api/track on the production server
// over the embedded store, from loopback. Prints accepted events/s, latency
// percentiles, the server's peak RSS, and how long the store took to hold
// everything that was acknowledged. Bounded: BENCH_SECONDS (default 20) of load.
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { MongoClient, ObjectId } from "mongodb";
import { buildIfStale } from "./build-if-stale.mjs";
import { root } from "./env.mjs";
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

function post(agent, port, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/api/track", method: "POST", agent, headers: { "content-type": "text/plain", "user-agent": body.ua, "content-length": Buffer.byteLength(body.json) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 202 && !res.headers["x-trailmark-dropped"]));
    });
    req.on("error", reject);
    req.end(body.json);
  });
}

async function main() {
  const distDir = ".next";
  buildIfStale({ ...process.env, NEXT_DIST_DIR: distDir });
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
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distDir, PORT: String(port), HOST: "127.0.0.1", MONGODB_URI: dbUri, NEXTAUTH_SECRET: "bench", TRAILMARK_INGEST_DIR: path.join(dataDir, "ingest") },
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }

  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies = [];
  let acked = 0, failed = 0, seq = 0, peakRss = 0;
  const cpuAtStart = { server: cpuSeconds(server.pid), store: cpuSeconds(store.child?.pid) };
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(server.pid));
    const elapsed = (performance.now() - started) / 1000;
    process.stderr.write(`\r[bench] ${elapsed.toFixed(0)}/${SECONDS} s: ${acked} accepted (${Math.round(acked / elapsed)}/s), RSS ${rssMb(server.pid).toFixed(0)} MB   `);
  }, 500);
  const worker = async () => {
    while (performance.now() < deadline) {
      const n = seq++;
      const v = n % VISITORS;
      const body = {
        ua: UAS[v % UAS.length],
        json: JSON.stringify({ type: "pageview", websiteId: String(websiteId), url: `https://bench.example/page/${n % 50}`, referrer: REFERRERS[v % REFERRERS.length], visitorId: `v${v}`, sessionId: `s${v}` }),
      };
      const t = performance.now();
      try {
        if (await post(agent, port, body)) acked++;
        else failed++;
      } catch {
        failed++;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const loadSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  process.stderr.write("\n");

  // How long the store takes to hold every acknowledged event (the buffer absorbs bursts).
  const drainStart = performance.now();
  let stored = 0;
  const catchUpMs = Number(process.env.BENCH_CATCHUP_SECONDS || 300) * 1000;
  while (performance.now() - drainStart < catchUpMs) {
    stored = await db.collection("pageviews").countDocuments({ websiteId });
    if (stored >= acked) break;
    peakRss = Math.max(peakRss, rssMb(server.pid));
    await new Promise((r) => setTimeout(r, 1000));
  }
  const drainSeconds = (performance.now() - drainStart) / 1000;
  const cpuPerEvent = (pid, at) => `${(((cpuSeconds(pid) - at) * 1e6) / Math.max(1, acked)).toFixed(0)} µs`;

  latencies.sort((a, b) => a - b);
  const rows = [
    ["load", `${SECONDS} s, ${CONCURRENCY} keep-alive connections, ${VISITORS} visitors`],
    ["accepted", `${acked} events (${failed} failed)`],
    ["accepted events/s", Math.round(acked / loadSeconds)],
    ["latency p50 / p99 / max", `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} / ${latencies.at(-1).toFixed(1)} ms`],
    ["server peak RSS", `${peakRss.toFixed(0)} MB`],
    ["in the store", `${stored} of ${acked}, ${drainSeconds.toFixed(1)} s after the load ended`],
    ["store write rate", `${Math.round(stored / (loadSeconds + drainSeconds))} events/s over load + catch-up`],
    ["CPU per event", `server ${cpuPerEvent(server.pid, cpuAtStart.server)}, store ${cpuPerEvent(store.child?.pid, cpuAtStart.store)} (load + catch-up)`],
  ];
  console.log("\nIngest benchmark (POST /api/track, production server, embedded FerretDB store)");
  for (const [k, v] of rows) console.log(`  ${k.padEnd(24)} ${v}`);

  agent.destroy();
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
