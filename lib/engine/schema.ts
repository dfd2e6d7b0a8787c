import { ident } from "./sql";

/**
 * The engine's tables. Rows are written by ingest and by the revenue code;
 * every stats question reads them. Both are ordered by website and time, so a
 * question about one site's month reads that site's month and nothing else.
 *
 * events: one row per accepted event (pageview, goal, scroll, identify),
 * immutable. Each row carries its session's start and the session's fixed
 * context (source, landing page, geo, device), plus three facts ingest knows
 * when it assigns the session: whether the event started it, the pageview's
 * number in it, and how many seconds it added to its (rounded) duration. So
 * sessions, bounces and durations are sums over rows, with no per-session
 * grouping; only the exit page needs one.
 *
 * payments: one row per state of a payment (a refund or re-attribution
 * writes a newer row, a deletion a tombstone); queries read it FINAL.
 *
 * imported: daily aggregates brought from another analytics tool, kept apart
 * from the events (they are not visits). One row per import, day, dimension
 * and value; dimension '' holds the day's totals. Stats read only the rows of
 * finished imports (lib/stats/imported.ts), so a half-written import is never
 * counted.
 *
 * vitals: one row per page view's web vitals (the tracker's web-vitals
 * extension), immutable, with the page and the context of the request that
 * brought them. Apart from events: they are no activity of a visit and no
 * event a plan counts.
 */
export const TOUCH_COLUMNS = ["channel", "referrer_domain", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "entry_page", "country", "device"] as const;
export type TouchColumn = (typeof TOUCH_COLUMNS)[number];

/** Session context columns of an event row, in the order the tables declare them. */
export const CONTEXT_COLUMNS = ["entry_page", "referrer", "referrer_domain", "channel", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "hostname", "country", "region", "city", "browser", "os", "device"] as const;
export type ContextColumn = (typeof CONTEXT_COLUMNS)[number];

const lc = "LowCardinality(String)";

const EVENTS_COLUMNS = `
  website_id ${lc},
  session_start DateTime64(3, 'UTC'),
  session_id String,
  session UInt64 MATERIALIZED sipHash64(session_id),
  visitor_id String,
  visitor UInt64 MATERIALIZED sipHash64(visitor_id),
  event_id String,
  ts DateTime64(3, 'UTC'),
  kind Enum8('pageview' = 1, 'goal' = 2, 'scroll' = 3, 'identify' = 4),
  session_first UInt8,
  session_view UInt16,
  session_seconds UInt32,
  extra UInt8,
  path ${lc},
  name ${lc},
  title String,
  props Map(String, String),
  scroll_depth UInt8,
  value Int64,
  user_id String,
  ${CONTEXT_COLUMNS.map((c) => `${c} ${c === "referrer" ? "String" : lc}`).join(",\n  ")},
  INDEX visitor_id_bf visitor_id TYPE bloom_filter(0.001) GRANULARITY 1,
  INDEX ts_mm ts TYPE minmax GRANULARITY 1`;

const PAYMENTS_COLUMNS = `
  website_id ${lc},
  ts DateTime64(3, 'UTC'),
  payment_id String,
  version UInt64,
  deleted UInt8,
  provider ${lc},
  transaction_id String,
  visitor_id String,
  visitor UInt64 MATERIALIZED sipHash64(visitor_id),
  session_id String,
  customer_id String,
  amount Int64,
  refunded Int64,
  currency ${lc},
  renewal UInt8,
  matched_by ${lc},
  ${["first", "last"].flatMap((p) => TOUCH_COLUMNS.map((c) => `${p}_${c} ${lc}`)).join(",\n  ")},
  first_at DateTime64(3, 'UTC'),
  last_at DateTime64(3, 'UTC'),
  INDEX visitor_id_bf visitor_id TYPE bloom_filter(0.001) GRANULARITY 1`;

const IMPORTED_COLUMNS = `
  website_id ${lc},
  import_id String,
  day Date,
  dimension ${lc},
  value String,
  visitors UInt64,
  visits UInt64,
  pageviews UInt64,
  bounces UInt64,
  duration UInt64`;
/** Context of a vitals row: what the request itself says (page host, geo, user agent), not its visit's source. */
export const VITALS_CONTEXT = ["hostname", "country", "region", "city", "browser", "os", "device"] as const satisfies readonly ContextColumn[];
export const VITALS_METRICS = ["lcp", "inp", "cls", "ttfb"] as const;

// LCP, INP and TTFB in whole milliseconds, CLS unitless; a metric the browser did not measure is NULL.
const VITALS_COLUMNS = `
  website_id ${lc},
  ts DateTime64(3, 'UTC'),
  event_id String,
  visitor_id String,
  visitor UInt64 MATERIALIZED sipHash64(visitor_id),
  session_id String,
  path ${lc},
  ${VITALS_CONTEXT.map((c) => `${c} ${lc}`).join(",\n  ")},
  ${VITALS_METRICS.map((m) => `${m} Nullable(Float64)`).join(",\n  ")},
  INDEX visitor_id_bf visitor_id TYPE bloom_filter(0.001) GRANULARITY 1`;

/**
 * Rows of a site's day are sorted by visitor (a hash), so a question over a
 * busy site's months can read 1 in k of each day's visitors (`SAMPLE 1/k`,
 * lib/stats/sample.ts) and every visitor it reads whole. Tables made before
 * the sampling key are rebuilt once (lib/engine/sampling-key.ts).
 */
export const EVENTS_SORT = "(website_id, toDate(session_start), visitor, session_start, session_id)";
const EVENTS_TAIL = `PARTITION BY toYYYYMM(session_start) ORDER BY ${EVENTS_SORT} SAMPLE BY visitor`;

/** The events table's statement under another name (the sampling key's rebuild writes into it). */
export const eventsTableStatement = (name: string) => `CREATE TABLE ${name} (${EVENTS_COLUMNS}\n) ENGINE = MergeTree ${EVENTS_TAIL}`;

type TableSpec = { name: string; columns: string; engine: (replicated: boolean) => string; tail: string; shard?: string };

const TABLES: TableSpec[] = [
  {
    name: "events",
    columns: EVENTS_COLUMNS,
    engine: (r) => (r ? "ReplicatedMergeTree" : "MergeTree"),
    tail: EVENTS_TAIL,
  },
  {
    name: "payments",
    columns: PAYMENTS_COLUMNS,
    engine: (r) => `${r ? "ReplicatedReplacingMergeTree" : "ReplacingMergeTree"}(version, deleted)`,
    tail: "ORDER BY (website_id, ts, payment_id)",
  },
  {
    name: "imported",
    columns: IMPORTED_COLUMNS,
    engine: (r) => (r ? "ReplicatedMergeTree" : "MergeTree"),
    tail: "PARTITION BY toYYYYMM(day) ORDER BY (website_id, dimension, day, value)",
  },
  {
    // Added after events and payments: created, like them, whenever the schema is made, so an older database gains it at the next start.
    name: "vitals",
    columns: VITALS_COLUMNS,
    engine: (r) => (r ? "ReplicatedMergeTree" : "MergeTree"),
    tail: "PARTITION BY toYYYYMM(ts) ORDER BY (website_id, ts)",
  },
  {
    // One-time jobs the engine has been through (the backfill from the store's raw documents).
    name: "migrations",
    columns: "\n  name String,\n  at DateTime64(3, 'UTC')",
    engine: (r) => (r ? "ReplicatedMergeTree" : "MergeTree"),
    tail: "ORDER BY name",
    shard: "cityHash64(name)",
  },
];

/**
 * The statements that create the schema. On one node: the tables. On a
 * cluster (CLICKHOUSE_CLUSTER): replicated `<name>_local` tables on every
 * node, and a Distributed table `<name>` over them, sharded by website so one
 * site's rows (and every version of a payment) live on one shard.
 */
export function schemaStatements(database: string, cluster?: string): string[] {
  const db = ident(database);
  if (!cluster) {
    return [`CREATE DATABASE IF NOT EXISTS ${db}`, ...TABLES.map((t) => `CREATE TABLE IF NOT EXISTS ${db}.${t.name} (${t.columns}\n) ENGINE = ${t.engine(false)} ${t.tail}`)];
  }
  const on = `ON CLUSTER ${ident(cluster)}`;
  return [
    `CREATE DATABASE IF NOT EXISTS ${db} ${on}`,
    ...TABLES.flatMap((t) => [
      `CREATE TABLE IF NOT EXISTS ${db}.${t.name}_local ${on} (${t.columns}\n) ENGINE = ${t.engine(true)} ${t.tail}`,
      `CREATE TABLE IF NOT EXISTS ${db}.${t.name} ${on} AS ${db}.${t.name}_local ENGINE = Distributed(${ident(cluster)}, ${db}, ${t.name}_local, ${t.shard ?? "cityHash64(website_id)"})`,
    ]),
  ];
}

/** Table names for reads and inserts, and for deletes (the local tables on a cluster). */
export type Tables = { events: string; payments: string; imported: string; vitals: string; migrations: string; eventsLocal: string; paymentsLocal: string; importedLocal: string; vitalsLocal: string; onCluster: string };

export function tablesOf(database: string, cluster?: string): Tables {
  const db = ident(database);
  const local = cluster ? "_local" : "";
  return {
    events: `${db}.events`,
    payments: `${db}.payments`,
    imported: `${db}.imported`,
    migrations: `${db}.migrations`,
    eventsLocal: `${db}.events${local}`,
    paymentsLocal: `${db}.payments${local}`,
    importedLocal: `${db}.imported${local}`,
    vitals: `${db}.vitals`,
    vitalsLocal: `${db}.vitals${local}`,
    onCluster: cluster ? ` ON CLUSTER ${ident(cluster)}` : "",
  };
}
