/**
 * What the stats engine needs of ClickHouse, whichever runs it: the embedded
 * chDB library in this process (the default) or a ClickHouse server or cluster
 * over HTTP (CLICKHOUSE_URL). Both run the same SQL text (lib/engine/sql.ts).
 */
export type EngineDriver = {
  readonly kind: "embedded" | "server";
  /** Rows of a SELECT as objects (JSONEachRow; 64-bit integers as numbers). */
  query<T>(sql: string): Promise<T[]>;
  /** A statement without a result (DDL, DELETE, OPTIMIZE). */
  exec(sql: string): Promise<void>;
  /** Inserts rows given as JSON objects, one insert (one part) per call. */
  insert(table: string, rows: readonly object[]): Promise<void>;
  close(): Promise<void>;
};

/**
 * Settings every statement runs with, on either driver. The stats filters test
 * `session IN (subquery)` (visits with a matching page or goal); ClickHouse
 * would otherwise also try each such set against the table's indexes, which
 * none of them can use, and that made a page-filtered query four times slower.
 *
 * No JIT compilation of expressions: ClickHouse compiles an expression once
 * it has seen it three times, inside the statement that uses it next, so the
 * fourth dashboard load of a 10M-event site's month after a start took
 * 100-200 ms longer than its neighbours, and the loads after it were no
 * faster with the compiled code than without.
 */
export const QUERY_SETTINGS = { use_index_for_in_with_subqueries: 0, compile_expressions: 0, compile_aggregate_expressions: 0 } as const;

/** Rows as the JSONEachRow format wants them: one JSON document a line. */
export function jsonLines(rows: readonly object[]): string {
  let out = "";
  for (const row of rows) out += JSON.stringify(row) + "\n";
  return out;
}

/** An engine error with the ClickHouse error code when there is one, so callers can tell "unknown table" from a bug. */
export class EngineError extends Error {
  constructor(message: string, readonly code?: number) {
    super(message);
    this.name = "EngineError";
  }
}

/** ClickHouse's numeric error code out of its message ("Code: 60. DB::Exception: ..."). */
export function errorCode(message: string): number | undefined {
  const m = /Code: (\d+)\./.exec(message);
  return m ? Number(m[1]) : undefined;
}
