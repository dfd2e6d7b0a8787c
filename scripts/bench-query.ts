// npm run bench:query: seeds N events for one site (BENCH_QUERY_SIZES, default
// "1000000"; spread over BENCH_QUERY_DAYS days, default 60: the 30-day view and
// its comparison period) as ingest stores them (sessions, pageviews, goals,
// payments and the visit blocks the stats read), starts the production server,
// signs in, and times the stats calls the dashboard fires when it opens on 30
// days, all at once like a browser: unfiltered, with country is DE, and with
// page contains /blog. Prints p50/p95 and the store's size on disk.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import mongoose from "mongoose";
import { hashPassword } from "../lib/auth/password";
import { writeBlocksFor } from "../lib/blocks/seed-blocks";
import { GoalEvent, PageView, Payment, Session, User, Website } from "../models";
import { generateDay, newPool } from "./demo/generate";
import { rng } from "./demo/random";
// @ts-expect-error -- plain ESM helpers shared with the other scripts
import { buildIfStale } from "./build-if-stale.mjs";
// @ts-expect-error -- idem
import { root } from "./env.mjs";
// @ts-expect-error -- idem
import { freePort, startStore, withDatabase } from "./store.mjs";

const SIZES = (process.env.BENCH_QUERY_SIZES || "1000000").split(",").map(Number);
const REPS = Number(process.env.BENCH_QUERY_REPS || 20);
const FILTERED_REPS = Number(process.env.BENCH_QUERY_FILTERED_REPS || REPS);
const DAYS = Number(process.env.BENCH_QUERY_DAYS || 60);
const LIVE_REPS = Number(process.env.BENCH_QUERY_LIVE_REPS || 20);
// BENCH_QUERY_RAW=0 seeds only what the stats read (blocks), for quick runs; the store size is then not representative.
const RAW = process.env.BENCH_QUERY_RAW !== "0";
const INSERT_CHUNK = 20_000;
// The breakdowns the dashboard's panels open on (components/site/dashboard/panels.ts: first tab of each).
const BREAKDOWNS = ["channel", "page", "country", "browser", "goal"];
const FILTERS = ["country:is:DE", "page:contains:/blog"];
// BENCH_QUERY_KEEP=<dir> keeps the seeded store there and reuses it when the size and days match:
// seeding 10M takes ~4 min, and profiling a change needs many runs on the same data.
const KEEP = process.env.BENCH_QUERY_KEEP;
const log = (m: string) => process.stderr.write(`[bench:query] ${m}\n`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function insertChunks(model: typeof Session, docs: object[]) {
  for (let i = 0; i < docs.length; i += INSERT_CHUNK) await model.insertMany(docs.slice(i, i + INSERT_CHUNK), { ordered: false, lean: true });
}

async function seed(websiteId: mongoose.Types.ObjectId, events: number) {
  const r = rng(7);
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const perDay = Math.round(events / DAYS / 3.3); // ~3.3 pageviews and goals a visit
  const pool = newPool();
  const started = performance.now();
  let written = 0;
  for (let d = 0; d < DAYS; d++) {
    const day = generateDay(websiteId, new Date(today - (DAYS - 1 - d) * 86_400_000), perDay, pool, r, now);
    for (const p of day.payments as { _id?: mongoose.Types.ObjectId }[]) p._id = new mongoose.Types.ObjectId();
    if (RAW) {
      await Promise.all([
        insertChunks(Session, day.sessions.map((s) => ({ _id: `${websiteId}:${(s as { sessionId: string }).sessionId}`, ...s }))),
        insertChunks(PageView as never, day.pageviews),
        insertChunks(GoalEvent as never, day.goals),
        insertChunks(Payment as never, day.payments),
      ]);
    }
    await writeBlocksFor(websiteId, day, d === 0);
    written += day.pageviews.length + day.goals.length;
    const s = (performance.now() - started) / 1000;
    process.stderr.write(`\r[bench:query] seeding day ${d + 1}/${DAYS}: ${written} events (${Math.round(written / s)}/s)   `);
  }
  process.stderr.write("\n");
  return { written, seconds: (performance.now() - started) / 1000 };
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => res.headers.getSetCookie().forEach((c) => { const [p] = c.split(";"); const i = p.indexOf("="); jar.set(p.slice(0, i), p.slice(i + 1)); });
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() }, body: new URLSearchParams({ csrfToken, email, password }).toString() });
  keep(res);
  return cookie();
}

/** One dashboard load: every call at once; the time until the last answer. */
async function load(base: string, cookie: string, id: string, filter: string, dims: string[]) {
  const q = `period=30d${filter ? `&filter=${encodeURIComponent(filter)}` : ""}`;
  const urls = [`overview?${q}`, `timeseries?${q}`, ...dims.map((d) => `breakdown?${q}&dimension=${d}`)];
  const t = performance.now();
  await Promise.all(urls.map(async (u) => {
    const res = await fetch(`${base}/api/websites/${id}/stats/${u}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`${u}: ${res.status} ${await res.text()}`);
    await res.json();
  }));
  return performance.now() - t;
}

const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

/**
 * Loads as on a live site: before each, one new visit through /api/track,
 * waited for until today's overview counts it (ingest has written it to the
 * blocks), so the load's current range is cut, grouped and selected again
 * instead of coming from what the loads before it kept.
 */
async function live(base: string, cookie: string, id: string, n: number) {
  const todayVisitors = async () =>
    ((await (await fetch(`${base}/api/websites/${id}/stats/overview?period=today`, { headers: { cookie } })).json()) as { visitors: number }).visitors;
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = await todayVisitors();
    const res = await fetch(`${base}/api/track`, {
      method: "POST",
      headers: { "content-type": "text/plain", "user-agent": UA },
      body: JSON.stringify({ type: "pageview", websiteId: id, url: `https://bench.example/live/${i}`, visitorId: `bench-live-${process.pid}-${i}`, sessionId: `bench-live-${process.pid}-${i}` }),
    });
    if (res.status !== 202 || res.headers.get("x-trailmark-dropped")) throw new Error(`live visit not accepted: ${res.status} ${res.headers.get("x-trailmark-dropped")}`);
    for (let t = 0; (await todayVisitors()) === before; t++) {
      if (t > 100) throw new Error("the live visit did not reach the stats within 10 s");
      await new Promise((r) => setTimeout(r, 100));
    }
    xs.push(await load(base, cookie, id, "", BREAKDOWNS));
  }
  log(`unfiltered, a new visit before each: p50 ${Math.round(pct(xs, 50))} ms`);
  return xs;
}

async function main() {
  await buildIfStale({ ...process.env, NEXT_DIST_DIR: ".next" });
  const results: string[][] = [];
  for (const size of SIZES) {
    const dataDir = KEEP ? path.resolve(KEEP, `${size}-${DAYS}${RAW ? "" : "-blocks"}`) : path.join(root, ".data", `bench-query-${process.pid}`);
    const marker = path.join(dataDir, "seeded.json");
    const store = await startStore({ dataDir });
    const uri = withDatabase(store.uri, "benchq");
    await mongoose.connect(uri);
    const password = "bench-password";
    let siteId: mongoose.Types.ObjectId;
    let seeded: { written: number; seconds: number };
    if (KEEP && existsSync(marker)) {
      const kept = JSON.parse(readFileSync(marker, "utf8"));
      siteId = new mongoose.Types.ObjectId(kept.siteId as string);
      seeded = kept.seeded;
      log(`reusing the store seeded in ${dataDir}`);
    } else {
      const user = await User.create({ email: "bench@example.com", name: "Bench", passwordHash: await hashPassword(password) });
      const site = await Website.create({ userId: user._id, domain: "bench.example", name: "bench", timezone: "UTC", currency: "USD" });
      siteId = site._id;
      log(`seeding ${size} events over ${DAYS} days`);
      seeded = await seed(site._id, size);
      if (KEEP) writeFileSync(marker, JSON.stringify({ siteId: String(siteId), seeded }));
    }
    const port = await freePort();
    // BENCH_QUERY_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
    const nodeArgs = (process.env.BENCH_QUERY_NODE_ARGS || "").split(" ").filter(Boolean);
    const server = spawn(process.execPath, [...nodeArgs, path.join(root, "scripts", "server.mjs")], {
      cwd: root, stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: ".next", PORT: String(port), HOST: "127.0.0.1", MONGODB_URI: uri, NEXTAUTH_SECRET: "bench", NEXTAUTH_URL: `http://127.0.0.1:${port}`, TRAILMARK_INGEST_DIR: path.join(dataDir, "ingest") },
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300; i++) {
      try { if ((await fetch(`${base}/api/health`)).ok) break; } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    const cookie = await signIn(base, "bench@example.com", password);
    const id = String(siteId);
    const first = await load(base, cookie, id, "", BREAKDOWNS); // reads and decodes the blocks from the store
    const o = (await (await fetch(`${base}/api/websites/${id}/stats/overview?period=30d`, { headers: { cookie } })).json()) as Record<string, number>;
    const shape = `30 days: ${o.visitors} visitors, ${o.sessions} visits, ${o.pageviews} pageviews, ${o.payments} payments`;
    log(shape);
    const runs = async (filter: string, n: number) => {
      const xs: number[] = [];
      for (let i = 0; i < n; i++) xs.push(await load(base, cookie, id, filter, BREAKDOWNS));
      log(`${filter || "unfiltered"}: p50 ${Math.round(pct(xs, 50))} ms`);
      return xs;
    };
    const unfiltered = await runs("", REPS);
    const liveTimes = await live(base, cookie, id, LIVE_REPS);
    const filtered = [];
    for (const f of FILTERS) filtered.push([f, await runs(f, FILTERED_REPS)] as const);
    // The server's resident memory with the range's columns and selections kept.
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1];
    const du = execFileSync("du", ["-sh", path.join(dataDir, "ferretdb")], { encoding: "utf8" }).split("\t")[0];
    const ms = (x: number) => `${Math.round(x)} ms`;
    results.push(
      [`${size} events over ${DAYS} days`, `seeded ${seeded.written} in ${seeded.seconds.toFixed(0)} s (${Math.round(seeded.written / seeded.seconds)}/s), store ${du}${RAW ? "" : " (blocks only)"}`],
      ["  the range the loads ask for", shape],
      ["  first load (reads the blocks)", ms(first)],
      ["  server RSS after the loads", rss ? `${Math.round(Number(rss) / 1024)} MB` : "n/a"],
      [`  unfiltered x${REPS} p50 / p95`, `${ms(pct(unfiltered, 50))} / ${ms(pct(unfiltered, 95))}`],
      ...filtered.map(([f, xs]) => [`  ${f} x${FILTERED_REPS} p50 / p95`, `${ms(pct(xs, 50))} / ${ms(pct(xs, 95))}`]),
      [`  unfiltered, a new visit before each, x${LIVE_REPS}`, `${ms(pct(liveTimes, 50))} / ${ms(pct(liveTimes, 95))}`],
    );
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await mongoose.disconnect();
    await store.stop();
    if (!KEEP) rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nQuery benchmark: the dashboard opening on 30 days (overview, timeseries, breakdowns ${BREAKDOWNS.join(", ")}; each with its previous period; all at once), production server, embedded FerretDB`);
  for (const [k, v] of results) console.log(`${k.padEnd(40)} ${v}`);
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
