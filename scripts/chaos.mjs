// npm run chaos: failure drills against the production server over a fresh
// embedded store, on loopback only. Each drill runs a paced load of pageviews,
// breaks something mid-load, lets the system recover (restarting the server
// where a process manager would) and then checks the store against every
// acknowledged event. Prints one row per drill; exits 1 if any lost an event.
// Bounded: about five minutes plus the store outage (CHAOS_OUTAGE_SECONDS,
// default 60). CHAOS_ONLY=word runs the drills whose name contains it.
import { readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync, mkdtempSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildIfStale } from "./build-if-stale.mjs";
import { createSite, deployment, fillDisk, health, limitFileSize, mountTmpfs, sleep, startLoad, until, verify, verifyEngine } from "./chaos-lib.mjs";
import { startStore } from "./store.mjs";

const OUTAGE_S = Number(process.env.CHAOS_OUTAGE_SECONDS || 60);
const DISK_FULL_S = 10;
const WARMUP_MS = 3000;
const log = (msg) => process.stderr.write(`[chaos] ${msg}\n`);

/** Each drill breaks something; it returns when recovery should be timed from, and notes for the table. */
const drills = [
  { name: "SIGKILL server mid-load", run: restartAfter("SIGKILL") },
  { name: "SIGTERM server mid-load", run: restartAfter("SIGTERM") },
  {
    name: "SIGKILL store mid-load",
    async run({ store }) {
      const at = Date.now();
      process.kill(store.child.pid, "SIGKILL");
      return { from: at, notes: ["the supervisor restarts it"] };
    },
  },
  { name: `store down ${OUTAGE_S} s under load`, run: storeOutage },
  { name: "torn + corrupt log lines", run: tornLog },
  { name: `log disk full ${DISK_FULL_S} s`, prepare: diskForLog, run: fullDisk },
];

function restartAfter(signal) {
  return async ({ dep }) => {
    const at = Date.now();
    await dep.kill(signal);
    await dep.start();
    return { from: at, notes: ["server restarted on the same log"] };
  };
}

/** The store is killed and kept from coming back (its port held) for OUTAGE_S, then let back. */
async function storeOutage({ dep, store, load }) {
  const port = Number(new URL(store.uri).port);
  const killedAt = Date.now();
  process.kill(store.child.pid, "SIGKILL");
  const holder = await holdPort(port);
  await sleep(Math.min(10_000, (OUTAGE_S * 1000) / 2));
  const h = await health(dep.url);
  const sup = h?.body?.store?.supervisor;
  await sleep(Math.max(0, killedAt + OUTAGE_S * 1000 - Date.now()));
  const during = load.ackedAfter(killedAt);
  await new Promise((r) => holder.close(r));
  return { from: Date.now(), notes: [`${during} acknowledged while down`, `health ${h?.status}${sup ? ` (store ${sup.state}, ${sup.restarts} attempts)` : ""}`] };
}

/** Listens on the dead store's port as soon as it is free, so every restart fails until released. */
async function holdPort(port) {
  for (;;) {
    const srv = net.createServer((s) => s.destroy());
    const ok = await new Promise((resolve) => {
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (ok) return srv;
    await sleep(5);
  }
}

/** The server dies by SIGKILL; its log then gets a line torn mid-write at the end and a corrupt one inside. */
async function tornLog({ dep }) {
  const at = Date.now();
  const pid = dep.server.pid;
  await dep.kill("SIGKILL");
  const names = readdirSync(dep.ingestDir);
  const active = names.find((f) => f.startsWith(`active-${pid}-`));
  const mine = active ? [active] : names.filter((f) => new RegExp(`^sealed-\\d+-${pid}-`).test(f)).sort();
  const file = path.join(dep.ingestDir, mine.at(-1) ?? `active-${pid}-${at}.ndjson`);
  const lines = mine.length ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
  lines.splice(Math.floor(lines.length / 2), 0, '{"id":"5f0c\u0000\u0000garbled');
  writeFileSync(file, lines.map((l) => `${l}\n`).join(""));
  appendFileSync(file, '{"id":"65f1c0ffee0123456789abcd","websiteId":"65f1c0ff'); // never acknowledged: it was being written
  await dep.start();
  const h = await until(async () => (await health(dep.url))?.body?.ingest?.quarantined >= 2, 60_000);
  const q = (await health(dep.url))?.body?.ingest?.quarantined;
  return { from: at, notes: [`${q} line(s) quarantined${h ? "" : " (expected 2)"}`] };
}

/** A small tmpfs as the log directory when this can mount one (root), else a file-size limit on the server. */
function diskForLog(dep) {
  const unmount = mountTmpfs(dep.ingestDir, "2m");
  return unmount ? { cleanup: unmount, mode: "tmpfs" } : { cleanup: () => {}, mode: "rlimit" };
}

async function fullDisk({ dep, load, prepared }) {
  const started = Date.now();
  const refusedBefore = load.counts.refused;
  let release;
  if (prepared.mode === "tmpfs") release = fillDisk(dep.ingestDir);
  else {
    limitFileSize(dep.server.pid, 16 * 1024);
    release = () => limitFileSize(dep.server.pid, "unlimited");
  }
  await sleep(DISK_FULL_S * 1000);
  const h = await health(dep.url);
  release();
  const how = prepared.mode === "tmpfs" ? "2 MB tmpfs filled" : "RLIMIT_FSIZE 16 KB (no tmpfs here)";
  return { from: Date.now(), notes: [how, `${load.counts.refused - refusedBefore} refused with 503`, `${load.ackedAfter(started)} acknowledged meanwhile`, `health ${h?.status}`] };
}

async function runDrill(drill, ctx) {
  const dep = deployment({ storeUri: ctx.store.uri, dataDir: ctx.dataDir, name: drill.name.replace(/\W+/g, "_").toLowerCase(), env: { TRAILMARK_STORE_STATUS: ctx.store.statusFile } });
  const prepared = drill.prepare?.(dep) ?? { cleanup: () => {} };
  try {
    await dep.start();
    const websiteId = await createSite(dep.dbUri);
    const load = startLoad(dep, websiteId);
    await sleep(WARMUP_MS);
    log(`  ${load.acked.size} acknowledged; breaking it...`);
    const { from, notes } = await drill.run({ dep, load, store: ctx.store, prepared });
    // Recovered: events are accepted again, and (the load stopped there) nothing acknowledged still waits for the store.
    await sleep(Math.max(0, from + 2000 - Date.now())); // the load goes on through the fault's aftermath
    const accepting = await until(async () => load.ackedAfter(from) > 0, 180_000, 50);
    await load.stop();
    const drained = accepting && (await until(async () => {
      const h = await health(dep.url);
      return h?.status === 200 && h.body.ingest.waiting === 0;
    }, 180_000));
    const result = await verify(dep.dbUri, websiteId, load.acked);
    await dep.kill("SIGTERM");
    // The stats read the engine: its rows must hold every acknowledged event once, like the store.
    const engine = verifyEngine(dep.engineDir, websiteId, load.acked);
    return { name: drill.name, acked: load.acked.size, ...load.counts, ...result, engine, recover: drained ? ((drained - from) / 1000).toFixed(1) : "never", notes };
  } catch (err) {
    await dep.kill("SIGKILL");
    return { name: drill.name, error: `${err.message}\n${dep.output().slice(-1500)}` };
  } finally {
    prepared.cleanup();
  }
}

function printTable(rows) {
  const head = ["drill", "acknowledged", "refused", "cut mid-request", "stored", "lost", "duplicated", "engine rows", "engine lost", "engine duplicated", "recovered in", "notes"];
  const cells = rows.map((r) =>
    r.error
      ? [r.name, "-", "-", "-", "-", "FAILED", "-", "-", "-", "-", "-", r.error.split("\n")[0]]
      : [r.name, r.acked, r.refused, r.cut, r.stored, r.lost, r.duplicated, r.engine.stored, r.engine.lost, r.engine.duplicated, `${r.recover} s`, r.notes.join("; ")],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (c) => `| ${c.map((v, i) => String(v).padEnd(widths[i])).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const c of cells) console.log(line(c));
}

async function main() {
  const only = process.env.CHAOS_ONLY?.toLowerCase();
  const selected = drills.filter((d) => !only || d.name.toLowerCase().includes(only));
  await buildIfStale(process.env);
  // A store of our own, whatever MONGODB_URI says: the drills kill it.
  delete process.env.MONGODB_URI;
  const dataDir = mkdtempSync(path.join(tmpdir(), "trailmark-chaos-"));
  const store = await startStore({ dataDir });
  if (!store.child) throw new Error(`the drills need a store process they can kill (embedded FerretDB or mongod), not ${store.kind}`);
  const stop = async () => {
    await store.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on("SIGINT", () => void stop().finally(() => process.exit(130)));
  const rows = [];
  try {
    for (const [i, drill] of selected.entries()) {
      log(`drill ${i + 1}/${selected.length}: ${drill.name}`);
      const row = await runDrill(drill, { store, dataDir });
      rows.push(row);
      log(row.error ? `  failed: ${row.error}` : `  ${row.acked} acknowledged, ${row.lost} lost (engine: ${row.engine.lost}), recovered in ${row.recover} s`);
    }
  } finally {
    await stop();
  }
  console.log(`\nChaos drills: ${selected.length} drills, 200 pageviews/s from 8 loopback clients, embedded ${store.kind} store\n`);
  printTable(rows);
  console.log("\nacknowledged: 202 answers. refused: 503, or nothing listening (the sender knows). cut mid-request: the dying server never answered (stored or not, either is correct).");
  console.log("lost: acknowledged but not in the store (engine lost: not in the stats engine's rows, read after the server stopped). recovered in: from the fault (its end, for the outage and the full disk) until events are accepted and every acknowledged one is stored.");
  const bad = rows.filter((r) => r.error || r.lost > 0 || r.duplicated > 0 || r.engine.lost > 0 || r.engine.duplicated > 0);
  if (bad.length) {
    console.log(`\n${bad.length} drill(s) failed: ${bad.map((r) => r.name).join(", ")}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
