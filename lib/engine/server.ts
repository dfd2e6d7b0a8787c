import { ClickHouseLogLevel, createClient } from "@clickhouse/client";
import { EngineError, errorCode, QUERY_SETTINGS, type EngineDriver } from "./driver";

function wrap(err: unknown): EngineError {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string | number }).code;
  return new EngineError(message, typeof code === "string" && /^\d+$/.test(code) ? Number(code) : errorCode(message));
}

/**
 * A ClickHouse server or cluster over HTTP (CLICKHOUSE_URL, with user and
 * password in the URL or in CLICKHOUSE_USER / CLICKHOUSE_PASSWORD). Statements
 * name their database, so the connection's default database does not matter.
 */
export function serverDriver(url: string): EngineDriver {
  const client = createClient({
    url,
    username: process.env.CLICKHOUSE_USER || undefined,
    password: process.env.CLICKHOUSE_PASSWORD || undefined,
    request_timeout: Number(process.env.CLICKHOUSE_TIMEOUT_MS || 60_000),
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0, ...QUERY_SETTINGS },
    // Errors reach the caller as EngineErrors; the client's own log would print each twice.
    log: { level: ClickHouseLogLevel.OFF },
  });
  return {
    kind: "server",
    async query<T>(sql: string) {
      try {
        return await (await client.query({ query: sql, format: "JSONEachRow" })).json<T>();
      } catch (err) {
        throw wrap(err);
      }
    },
    async exec(sql: string) {
      try {
        await client.command({ query: sql });
      } catch (err) {
        throw wrap(err);
      }
    },
    async insert(table: string, rows: readonly object[]) {
      if (!rows.length) return;
      try {
        await client.insert({ table, values: rows as object[], format: "JSONEachRow" });
      } catch (err) {
        throw wrap(err);
      }
    },
    close: () => client.close(),
  };
}
