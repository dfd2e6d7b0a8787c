// The store and engine the query and page benchmarks run on: one big site of
// `size` events over `days` days beside `sites` small sites (~5,000 events
// each), owned by bench@example.com. With a `keep` directory, a store seeded
// with the same figures is reused (seeding 10M events takes minutes).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import mongoose from "mongoose";
import { hashPassword } from "../../lib/auth/password";
import { closeEngines, engine } from "../../lib/engine";
import { User, Website } from "../../models";
import { seedSites } from "./seed-engine";
// @ts-expect-error -- plain ESM helpers shared with the other scripts
import { root } from "../env.mjs";
// @ts-expect-error -- idem
import { startStore, withDatabase } from "../store.mjs";

export const BENCH_EMAIL = "bench@example.com";
export const BENCH_PASSWORD = "bench-password";
const EVENTS_PER_VISIT = 3.25; // what the generator makes on average (pageviews and goals)

export type Seeded = { siteId: string; smallIds: string[]; seconds: number; events: number };
export type BenchStore = { seeded: Seeded; dataDir: string; env: Record<string, string>; close: () => Promise<void> };

const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

async function seed(size: number, days: number, sites: number): Promise<Seeded> {
  const started = performance.now();
  const user = await User.create({ email: BENCH_EMAIL, name: "Bench", passwordHash: await hashPassword(BENCH_PASSWORD) });
  const site = await Website.create({ userId: user._id, domain: "bench.example", name: "bench", timezone: "UTC", currency: "USD" });
  const small = sites ? await Website.insertMany(Array.from({ length: sites }, (_, i) => ({ userId: user._id, domain: `small${i}.example`, name: `small ${i}`, timezone: "UTC", currency: "USD" }))) : [];
  const e = await engine();
  const now = new Date();
  const progress = (what: string) => (done: number, total: number) =>
    process.stderr.write(`\r[bench] ${what}: ${Math.round((100 * done) / total)} % of the visits (${Math.round((performance.now() - started) / 1000)} s)   `);
  log(`writing ${size} events over ${days} days${sites ? ` and ${sites} sites of ~5,000` : ""}...`);
  await seedSites(e, { websiteIds: [String(site._id)], visits: Math.round(size / EVENTS_PER_VISIT), days, now, seed: 1 }, progress("the big site"));
  process.stderr.write("\n");
  if (sites) {
    await seedSites(e, { websiteIds: small.map((s) => String(s._id)), visits: Math.round((sites * 5000) / EVENTS_PER_VISIT), days, now, seed: 2 }, progress("the small sites"));
    process.stderr.write("\n");
  }
  const [{ n }] = await e.query<{ n: number }>(`SELECT count() AS n FROM ${e.tables.events}`);
  return { siteId: String(site._id), smallIds: small.map((s) => String(s._id)), seconds: (performance.now() - started) / 1000, events: n };
}

/** Starts the store, seeds it unless a kept one matches, and leaves the engine closed for the server to open. */
export async function benchStore(opts: { size: number; days: number; sites: number; keep?: string }): Promise<BenchStore> {
  const dataDir = opts.keep ? path.resolve(opts.keep, `${opts.size}-${opts.days}-${opts.sites}`) : path.join(root, ".data", `bench-${process.pid}`);
  const marker = path.join(dataDir, "seeded.json");
  const engineDir = path.join(dataDir, "clickhouse");
  process.env.TRAILMARK_ENGINE_DIR = engineDir;
  const store = await startStore({ dataDir });
  const uri = withDatabase(store.uri, "bench");
  await mongoose.connect(uri);
  let seeded: Seeded;
  if (opts.keep && existsSync(marker)) {
    seeded = JSON.parse(readFileSync(marker, "utf8"));
    log(`reusing the store and engine seeded in ${dataDir}`);
  } else {
    seeded = await seed(opts.size, opts.days, opts.sites);
    if (opts.keep) writeFileSync(marker, JSON.stringify(seeded));
  }
  await closeEngines();
  return {
    seeded,
    dataDir,
    env: { MONGODB_URI: uri, TRAILMARK_ENGINE_DIR: engineDir, TRAILMARK_INGEST_DIR: path.join(dataDir, "ingest") },
    async close() {
      await mongoose.disconnect();
      await store.stop();
    },
  };
}
