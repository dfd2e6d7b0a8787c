import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { EngineError, errorCode, jsonLines, QUERY_SETTINGS, type EngineDriver } from "./driver";
import { trimMalloc } from "./trim-malloc";

type ChdbResult = { text(): string };
type ChdbSession = {
  queryAsync(sql: string, opts?: { format?: string }): Promise<ChdbResult>;
  insert(params: { table: string; values: Buffer; format: "JSONEachRow" }): Promise<unknown>;
  close(): void;
};
type Chdb = { Session: new (path: string, opts?: { connectionArgs?: string[] }) => ChdbSession; drainPending?: () => Promise<void> };

// ClickHouse's server caches default to gigabytes each; a process that also
// serves the app keeps them small (the marks of a 10M-event site fit in a few MB).
const CONNECTION_ARGS = [
  "--mark_cache_size=134217728",
  "--primary_index_cache_size=67108864",
  "--index_mark_cache_size=33554432",
  "--uncompressed_cache_size=0",
  "--max_server_memory_usage_to_ram_ratio=0.5",
  ...Object.entries(QUERY_SETTINGS).map(([k, v]) => `--${k}=${v}`),
];

function wrap(err: unknown): EngineError {
  const message = err instanceof Error ? err.message : String(err);
  return new EngineError(message.replace(/^Query failed: /, ""), errorCode(message));
}

/** How many connections the embedded engine opens on its directory (TRAILMARK_ENGINE_CONNECTIONS, default 4). */
export function connectionCount(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.TRAILMARK_ENGINE_CONNECTIONS);
  return Number.isInteger(n) && n >= 1 && n <= 16 ? n : DEFAULT_CONNECTIONS;
}
const DEFAULT_CONNECTIONS = 4;

/** How long every connection must be idle before the engine hands its freed memory back (TRAILMARK_ENGINE_IDLE_MS, default 10 s). */
export function purgeIdleMs(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.TRAILMARK_ENGINE_IDLE_MS);
  return env.TRAILMARK_ENGINE_IDLE_MS && Number.isInteger(n) && n >= 0 ? n : PURGE_IDLE_MS;
}
const PURGE_IDLE_MS = 10_000;
const PURGE_EVERY_MS = 10_000;
const LATE_TRIM_MS = 20_000;

/**
 * The embedded engine: libchdb (ClickHouse as a library, shipped inside the
 * `chdb` npm package) on a data directory of this process. libchdb binds one
 * data directory per process, so only one process may open a directory at a
 * time: the server while it runs, a script while it is stopped.
 *
 * A libchdb connection runs its statements one after the other, so one
 * connection would queue a dashboard's dozen queries (and ingest's inserts)
 * behind each other. Several connections on the same directory share the one
 * engine and its data and run side by side; each statement goes to the
 * connection with the fewest statements in flight.
 */
export function embeddedDriver(dir: string, connections = connectionCount(), idleMs = purgeIdleMs()): EngineDriver {
  mkdirSync(dir, { recursive: true });
  // A runtime require from the app's own node_modules, so no bundler tries to follow the native addon.
  const chdb = createRequire(path.join(process.cwd(), "package.json"))("chdb") as Chdb;
  const pool = Array.from({ length: connections }, () => ({ session: new chdb.Session(dir, { connectionArgs: CONNECTION_ARGS }), busy: 0 }));
  let open = true;
  // The engine's allocator keeps memory a query freed for the next one; once
  // every connection has been idle for ten seconds it is handed back to the
  // system (~100 MB of RSS after a 10M-event dashboard load; a purge takes
  // ~10 ms), and so is the heap the process itself freed (~35 MB more;
  // trim-malloc.ts). Not sooner: a reader's next click (a tab, a filter)
  // usually comes within seconds, and a load after a purge faulted that
  // memory back in (~20k more page faults, +0.5 s of CPU at 10M events).
  let purgeTimer: NodeJS.Timeout | undefined;
  // V8 frees the last requests' buffers when it next collects garbage, often
  // after the purge: the heap is trimmed once more a while later.
  let lateTrimTimer: NodeJS.Timeout | undefined;
  let purge: Promise<unknown> | null = null;
  let lastPurge = 0;
  let purging = true;
  const idle = () => pool.every((c) => c.busy === 0);
  function purgeWhenIdle() {
    clearTimeout(purgeTimer);
    if (!purging || !open || purge || !idle()) return;
    purgeTimer = setTimeout(() => {
      if (!open || purge || !idle()) return;
      lastPurge = Date.now();
      purge = Promise.all([pool[0].session.queryAsync("SYSTEM JEMALLOC PURGE").catch(() => (purging = false)), trimMalloc()]).finally(() => {
        purge = null;
        lateTrimTimer = setTimeout(() => open && idle() && void trimMalloc(), LATE_TRIM_MS);
        lateTrimTimer.unref();
      });
    }, Math.max(idleMs, lastPurge + PURGE_EVERY_MS - Date.now()));
    purgeTimer.unref();
  }
  async function run<T>(work: (session: ChdbSession) => Promise<T>): Promise<T> {
    const c = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
    c.busy++;
    clearTimeout(purgeTimer);
    clearTimeout(lateTrimTimer);
    try {
      return await work(c.session);
    } catch (err) {
      throw wrap(err);
    } finally {
      c.busy--;
      purgeWhenIdle();
    }
  }
  return {
    kind: "embedded",
    async query<T>(sql: string) {
      const text = await run(async (s) => (await s.queryAsync(sql, { format: "JSONEachRow" })).text());
      const rows: T[] = [];
      for (const line of text.split("\n")) if (line) rows.push(JSON.parse(line) as T);
      return rows;
    },
    async exec(sql: string) {
      await run((s) => s.queryAsync(sql, { format: "TabSeparated" }));
    },
    async insert(table: string, rows: readonly object[]) {
      if (!rows.length) return;
      await run((s) => s.insert({ table, values: Buffer.from(jsonLines(rows)), format: "JSONEachRow" }));
    },
    async close() {
      if (!open) return;
      open = false;
      clearTimeout(purgeTimer);
      clearTimeout(lateTrimTimer);
      await purge;
      for (const c of pool) c.session.close();
      await chdb.drainPending?.();
    },
  };
}
