import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { EngineError, errorCode, jsonLines, type EngineDriver } from "./driver";

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
];

function wrap(err: unknown): EngineError {
  const message = err instanceof Error ? err.message : String(err);
  return new EngineError(message.replace(/^Query failed: /, ""), errorCode(message));
}

/**
 * The embedded engine: libchdb (ClickHouse as a library, shipped inside the
 * `chdb` npm package) on a data directory of this process. libchdb binds one
 * data directory per process, so only one process may open a directory at a
 * time: the server while it runs, a script while it is stopped.
 */
export function embeddedDriver(dir: string): EngineDriver {
  mkdirSync(dir, { recursive: true });
  // A runtime require from the app's own node_modules, so no bundler tries to follow the native addon.
  const chdb = createRequire(path.join(process.cwd(), "package.json"))("chdb") as Chdb;
  const session = new chdb.Session(dir, { connectionArgs: CONNECTION_ARGS });
  let open = true;
  return {
    kind: "embedded",
    async query<T>(sql: string) {
      try {
        const text = (await session.queryAsync(sql, { format: "JSONEachRow" })).text();
        const rows: T[] = [];
        for (const line of text.split("\n")) if (line) rows.push(JSON.parse(line) as T);
        return rows;
      } catch (err) {
        throw wrap(err);
      }
    },
    async exec(sql: string) {
      try {
        await session.queryAsync(sql, { format: "TabSeparated" });
      } catch (err) {
        throw wrap(err);
      }
    },
    async insert(table: string, rows: readonly object[]) {
      if (!rows.length) return;
      try {
        await session.insert({ table, values: Buffer.from(jsonLines(rows)), format: "JSONEachRow" });
      } catch (err) {
        throw wrap(err);
      }
    },
    async close() {
      if (!open) return;
      open = false;
      session.close();
      await chdb.drainPending?.();
    },
  };
}
