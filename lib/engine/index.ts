import path from "node:path";
import type { EngineDriver } from "./driver";
import { embeddedDriver } from "./embedded";
import { hasSamplingKey, rebuildWithSamplingKey } from "./sampling-key";
import { schemaStatements, tablesOf, type Tables } from "./schema";
import { serverDriver } from "./server";

export { EngineError } from "./driver";
export type { Tables } from "./schema";

/** The stats engine as queries use it: the driver, and the tables of the configured database. */
export type Engine = {
  readonly kind: EngineDriver["kind"];
  readonly database: string;
  readonly tables: Tables;
  /** Whether the events table has its sampling key, so a question may read a sample of visitors (lib/stats/sample.ts). */
  readonly sampling: boolean;
  query<T>(sql: string): Promise<T[]>;
  exec(sql: string): Promise<void>;
  insert(table: string, rows: readonly object[]): Promise<void>;
};

export type EngineConfig = { url?: string; dir: string; database: string; cluster?: string };

/**
 * Where the engine is: CLICKHOUSE_URL names a ClickHouse server (or a node of
 * a cluster, with CLICKHOUSE_CLUSTER); otherwise the embedded engine keeps its
 * data in TRAILMARK_ENGINE_DIR (default .data/clickhouse).
 */
export function engineConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  return {
    url: env.CLICKHOUSE_URL || undefined,
    dir: env.TRAILMARK_ENGINE_DIR || path.join(process.cwd(), ".data", "clickhouse"),
    database: env.TRAILMARK_ENGINE_DATABASE || env.CLICKHOUSE_DATABASE || "trailmark",
    cluster: env.CLICKHOUSE_CLUSTER || undefined,
  };
}

// One driver per process and place (route bundles and the ingest bundle share
// it through globalThis), and the schema made once per database.
type Held = { drivers: Map<string, EngineDriver>; schemas: Map<string, Promise<boolean>> };
const held = ((globalThis as unknown as { __trailmarkEngine?: Held }).__trailmarkEngine ??= { drivers: new Map(), schemas: new Map() });

function driverFor(config: EngineConfig): { key: string; driver: EngineDriver } {
  const key = config.url ? `server:${config.url}` : `embedded:${path.resolve(config.dir)}`;
  let driver = held.drivers.get(key);
  if (!driver) {
    driver = config.url ? serverDriver(config.url) : embeddedDriver(config.dir);
    held.drivers.set(key, driver);
  }
  return { key, driver };
}

/** The engine of this process's configuration, its schema created on first use. */
export async function engine(config: EngineConfig = engineConfig()): Promise<Engine> {
  const { key, driver } = driverFor(config);
  const schemaKey = `${key}/${config.database}`;
  let ready = held.schemas.get(schemaKey);
  if (!ready) {
    ready = (async () => {
      for (const statement of schemaStatements(config.database, config.cluster)) await driver.exec(statement);
      return samplingReady(driver, config);
    })();
    held.schemas.set(schemaKey, ready);
    ready.catch(() => held.schemas.delete(schemaKey));
  }
  const sampling = await ready;
  return {
    kind: driver.kind,
    database: config.database,
    tables: tablesOf(config.database, config.cluster),
    sampling,
    query: (sql) => driver.query(sql),
    exec: (sql) => driver.exec(sql),
    insert: (table, rows) => driver.insert(table, rows),
  };
}

/**
 * Whether the events table reads through its sampling key. One node's table
 * from before the key is rebuilt here, with its progress on stderr (npm start
 * opens the engine in its backfill step, before the server). A cluster's
 * tables are not rebuilt by the app (the README's "Sampling" says how); until
 * they are, every answer there is exact.
 */
async function samplingReady(driver: EngineDriver, config: EngineConfig): Promise<boolean> {
  if (config.cluster) return hasSamplingKey(driver, config.database, "events_local");
  if (await hasSamplingKey(driver, config.database, "events")) return true;
  const started = Date.now();
  let last = "";
  const rows = await rebuildWithSamplingKey(driver, config.database, (done, total) => {
    const line = `sorting the events by visitor within each day, for sampling: ${total ? Math.floor((done / total) * 100) : 100}% of ${total} rows`;
    if (line !== last) process.stderr.write(`[engine] ${(last = line)}\n`);
  });
  process.stderr.write(`[engine] events sorted for sampling: ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return true;
}

/** Closes every driver this process opened (scripts and tests, before exit or before another data directory). */
export async function closeEngines(): Promise<void> {
  const drivers = [...held.drivers.values()];
  held.drivers.clear();
  held.schemas.clear();
  await Promise.all(drivers.map((d) => d.close()));
}
