// npm run bench:query: the dashboard's stats on the ClickHouse engine.
// Seeds one site of N events over D days (BENCH_QUERY_SIZES, default
// "10000000"; BENCH_QUERY_DAYS, default 365) beside BENCH_QUERY_SITES small
// sites (default 2000, ~5,000 events each), starts the production server on
// the embedded engine, signs in and times dashboard loads: every call the
// dashboard makes when it opens on 30 days, in the one request it sends them in:
// - the first load after a restart (BENCH_QUERY_RESTARTS restarts, default 3);
// - unfiltered (alternated with the same calls as seven requests), unfiltered
//   5 s after the previous load (BENCH_QUERY_SPACED_REPS, default 10), and
//   filtered by country is DE and by page contains /blog;
// - a live site: a new visit through /api/track before each load;
// - a random small site's dashboard;
// - unfiltered again while /api/track takes a steady load (200/s, far above
//   what a 10M-events-a-year site receives: ~0.3/s), whose p99 is printed
//   beside its p99 with no dashboard loading.
// Prints p50/p95, the server's RSS (its peak, right after the loads, 3 s and
// 30 s later), the engine's size, and the floor under an unfiltered load:
// its exact distinct-visitor counts alone, run in this process once the
// server has stopped (scripts/bench/floor.ts).
// BENCH_QUERY_KEEP=<dir> keeps the seeded store and engine there for the next run.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { load, ms, pct, signIn, steadyTrack, track } from "./bench/http";
import { countingFloor } from "./bench/floor";
import { startServer, stopServer } from "./bench/server";
import { BENCH_EMAIL, BENCH_PASSWORD, benchStore } from "./bench/seed-store";
// @ts-expect-error -- plain ESM helpers shared with the other scripts
import { buildIfStale } from "./build-if-stale.mjs";

const SIZES = (process.env.BENCH_QUERY_SIZES || "10000000").split(",").map(Number);
const DAYS = Number(process.env.BENCH_QUERY_DAYS || 365);
const SITES = Number(process.env.BENCH_QUERY_SITES ?? 2000);
const REPS = Number(process.env.BENCH_QUERY_REPS || 30);
const LIVE_REPS = Number(process.env.BENCH_QUERY_LIVE_REPS || 20);
const RESTARTS = Number(process.env.BENCH_QUERY_RESTARTS || 3);
const SPACED_REPS = Number(process.env.BENCH_QUERY_SPACED_REPS || 10);
const SPACED_MS = 5_000;
const TRACK_RATE = Number(process.env.BENCH_QUERY_TRACK_RATE || 200);
const KEEP = process.env.BENCH_QUERY_KEEP;
const log = (m: string) => process.stderr.write(`[bench:query] ${m}\n`);
/** A process's memory in MB from /proc: VmRSS now, or VmHWM (the most it has held). */
const rss = (pid?: number, field: "VmRSS" | "VmHWM" = "VmRSS") =>
  Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024);

async function main() {
  await buildIfStale({ ...process.env, NEXT_DIST_DIR: ".next" });
  const results: string[][] = [];
  for (const size of SIZES) {
    const store = await benchStore({ size, days: DAYS, sites: SITES, keep: KEEP });
    const { seeded, env } = store;
    const engineDir = env.TRAILMARK_ENGINE_DIR;
    const password = BENCH_PASSWORD;
    const { siteId, smallIds } = seeded;

    const firsts: number[] = [];
    let server = await startServer(env);
    for (let r = 0; r < RESTARTS; r++) {
      if (r > 0) {
        await stopServer(server.child);
        server = await startServer(env);
      }
      const cookie = await signIn(server.base, BENCH_EMAIL, password);
      firsts.push(await load(server.base, cookie, siteId));
      log(`first load after a start: ${ms(firsts.at(-1)!)}`);
    }
    const { base, child } = server;
    const cookie = await signIn(base, BENCH_EMAIL, password);
    const o = (await (await fetch(`${base}/api/websites/${siteId}/stats/overview?period=30d`, { headers: { cookie } })).json()) as Record<string, number> & { sample?: { k: number; visitorsMargin: number } };
    const sampled = o.sample ? `estimated from 1 in ${o.sample.k} visitors, visitors ±${(o.sample.visitorsMargin * 100).toFixed(2)}% (95 %)` : "exact";
    const shape = `${o.visitors} visitors, ${o.sessions} visits, ${o.pageviews} pageviews, ${o.payments} payments: ${sampled}`;
    log(`30 days: ${shape}`);

    const runs = async (filter: string, n: number, id = () => siteId, what = filter || "unfiltered") => {
      const xs: number[] = [];
      for (let i = 0; i < n; i++) xs.push(await load(base, cookie, id(), filter));
      log(`${what}: p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}`);
      return xs;
    };
    // Alternated with the same load sent as seven requests, as the dashboard did before it asked in one.
    const unfiltered: number[] = [];
    const separately: number[] = [];
    for (let i = 0; i < REPS; i++) {
      unfiltered.push(await load(base, cookie, siteId));
      separately.push(await load(base, cookie, siteId, "", true));
    }
    log(`unfiltered: p50 ${ms(pct(unfiltered, 50))}, p95 ${ms(pct(unfiltered, 95))}; as seven requests: p50 ${ms(pct(separately, 50))}, p95 ${ms(pct(separately, 95))}`);
    // As a reader clicks through: each load a few seconds after the last, long enough for an allocator to hand memory back.
    const spaced: number[] = [];
    for (let i = 0; i < SPACED_REPS; i++) {
      await new Promise((r) => setTimeout(r, SPACED_MS));
      spaced.push(await load(base, cookie, siteId));
    }
    log(`unfiltered, ${SPACED_MS / 1000} s after the previous load: p50 ${ms(pct(spaced, 50))}, p95 ${ms(pct(spaced, 95))}`);
    const byCountry = await runs("country:is:DE", REPS);
    const byPage = await runs("page:contains:/blog", REPS);
    const liveTimes: number[] = [];
    const todayVisitors = async () => ((await (await fetch(`${base}/api/websites/${siteId}/stats/overview?period=today`, { headers: { cookie } })).json()) as { visitors: number }).visitors;
    for (let i = 0; i < LIVE_REPS; i++) {
      const before = await todayVisitors();
      await track(base, siteId, `bench-live-${process.pid}-${i}`, `/live/${i}`);
      // Until today's stats count it: the new visit is in the engine, so the load reads it.
      for (let t = 0; (await todayVisitors()) === before; t++) {
        if (t > 100) throw new Error("a live visit did not reach the stats within 10 s");
        await new Promise((r) => setTimeout(r, 100));
      }
      liveTimes.push(await load(base, cookie, siteId));
    }
    log(`live: p50 ${ms(pct(liveTimes, 50))}, p95 ${ms(pct(liveTimes, 95))}`);
    const smallTimes = smallIds.length ? await runs("", REPS, () => smallIds[Math.floor(Math.random() * smallIds.length)], "a small site") : [];
    // /api/track's latency alone, then while dashboards load.
    const idle = steadyTrack(base, siteId, TRACK_RATE);
    await new Promise((r) => setTimeout(r, 5_000));
    const idleLatency = await idle.stop();
    const busy = steadyTrack(base, siteId, TRACK_RATE);
    const tracked = await runs("", REPS, () => siteId, `unfiltered while /api/track takes ${TRACK_RATE}/s`);
    const busyLatency = await busy.stop();
    // The most the server held at once, and what it keeps at rest (its allocator frees over ~5 s; the engine purges after 10 s idle).
    const peakRss = rss(child.pid, "VmHWM");
    const loadedRss = rss(child.pid);
    await new Promise((r) => setTimeout(r, 3_000));
    const restRss = rss(child.pid);
    // Memory the loads' allocator and V8 hand back only after a while: what the server keeps once it has settled.
    await new Promise((r) => setTimeout(r, 27_000));
    const settledRss = rss(child.pid);
    await stopServer(child);
    log("the exact visitor counts alone, in this process...");
    const floor = await countingFloor(siteId, REPS);
    const du = execFileSync("du", ["-sh", engineDir], { encoding: "utf8" }).split("\t")[0];
    const p = (xs: number[]) => (xs.length ? `${ms(pct(xs, 50))} / ${ms(pct(xs, 95))}` : "n/a");
    results.push(
      [`${size} events over ${DAYS} days, ${SITES} small sites`, `seeded ${seeded.events} events in ${seeded.seconds.toFixed(0)} s, engine ${du}`],
      ["  the range the loads ask for (30 days)", shape],
      [`  first load after a start (x${RESTARTS}) median / max`, `${ms(pct(firsts, 50))} / ${ms(Math.max(...firsts))}`],
      [`  unfiltered x${REPS} p50 / p95`, p(unfiltered)],
      [`  ... the same load as seven requests, alternated with it x${REPS} p50 / p95`, p(separately)],
      [`  unfiltered, ${SPACED_MS / 1000} s after the previous load x${SPACED_REPS} p50 / p95`, p(spaced)],
      [`  country:is:DE x${REPS} p50 / p95`, p(byCountry)],
      [`  page:contains:/blog x${REPS} p50 / p95`, p(byPage)],
      [`  a new visit before each load x${LIVE_REPS} p50 / p95`, p(liveTimes)],
      [`  a random small site x${REPS} p50 / p95`, p(smallTimes)],
      [`  unfiltered while /api/track takes ${TRACK_RATE}/s x${REPS} p50 / p95`, p(tracked)],
      [`  /api/track at ${TRACK_RATE}/s p50 / p99: idle`, `${ms(pct(idleLatency, 50))} / ${ms(pct(idleLatency, 99))} (${idleLatency.length} events)`],
      ["  ... while dashboards load", `${ms(pct(busyLatency, 50))} / ${ms(pct(busyLatency, 99))} (${busyLatency.length} events)`],
      [`  its exact visitor counts alone, in process, no HTTP x${REPS} p50 / p95`, `${ms(floor[0])} / ${ms(floor[1])}`],
      ["  server RSS (engine in process): peak, after the loads, 3 s and 30 s later", `${peakRss} MB, ${loadedRss} MB, ${restRss} MB, ${settledRss} MB`],
    );
    await store.close();
    if (!KEEP) rmSync(store.dataDir, { recursive: true, force: true });
  }
  console.log("\nQuery benchmark: the dashboard opening on 30 days (overview and timeseries with the previous period, 5 breakdowns as the panels ask them; one request), production server, embedded ClickHouse (chDB)");
  const width = Math.max(...results.map((r) => r[0].length));
  for (const [k, v] of results) console.log(`${k.padEnd(width)}  ${v}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
