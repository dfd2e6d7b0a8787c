import { DIMENSIONS, type Dimension } from "@/lib/stats/dimensions";
import { parseFilter, type Filter } from "@/lib/stats/filters";

// The dashboard's whole view lives in the URL query string (period or custom
// days, filters, attribution model, interval), so a link reproduces what its
// sender saw. Pure: parsed on the server for the first render and rebuilt on
// the client for every click.

export const DASH_PERIODS = [
  { key: "today", label: "Today" },
  { key: "yesterday", label: "Yesterday" },
  { key: "24h", label: "Last 24 hours" },
  { key: "7d", label: "Last 7 days" },
  { key: "30d", label: "Last 30 days" },
  { key: "mtd", label: "Month to date" },
  { key: "last_month", label: "Last month" },
  { key: "12mo", label: "Last 12 months" },
  { key: "all", label: "All time" },
] as const;
export type DashPeriod = (typeof DASH_PERIODS)[number]["key"];
export const INTERVAL_KEYS = ["hour", "day", "week", "month"] as const;
export type DashInterval = (typeof INTERVAL_KEYS)[number];
export type Model = "first_touch" | "last_touch";

export type DashState = {
  /** A named period, or null when `from`/`to` give a custom range. */
  period: DashPeriod | null;
  from?: string;
  to?: string;
  filters: Filter[];
  model: Model;
  interval?: DashInterval;
  /** false when imported history is switched off (it is shown by default). */
  imported?: false;
};

type Params = URLSearchParams | Record<string, string | string[] | undefined>;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function all(params: Params, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const v = params[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
const one = (params: Params, key: string) => all(params, key).at(-1);

/** Reads the view from a query string; anything unknown or malformed falls back to the default rather than erroring. */
export function parseDashState(params: Params): DashState {
  const from = one(params, "from");
  const to = one(params, "to");
  const rawPeriod = one(params, "period");
  const custom = !!from && DAY.test(from) && (!to || (DAY.test(to) && to >= from));
  const period = custom ? null : (DASH_PERIODS.find((p) => p.key === rawPeriod)?.key ?? "30d");
  const filters = all(params, "filter")
    .map(parseFilter)
    .filter((f): f is Filter => typeof f !== "string")
    .slice(0, 20);
  const interval = INTERVAL_KEYS.find((i) => i === one(params, "interval"));
  return {
    period,
    ...(custom ? { from, ...(to ? { to } : {}) } : {}),
    filters,
    model: one(params, "model") === "first_touch" ? "first_touch" : "last_touch",
    ...(interval ? { interval } : {}),
    ...(one(params, "imported") === "false" ? { imported: false as const } : {}),
  };
}

export const filterString = (f: Filter) => `${f.dimension}:${f.op}:${f.value}`;

/** The query the stats API takes (same names), plus extras such as `dimension`. */
export function apiQuery(state: DashState, extra: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams();
  if (state.period) q.set("period", state.period);
  else if (state.from) {
    q.set("from", state.from);
    if (state.to) q.set("to", state.to);
  }
  for (const f of state.filters) q.append("filter", filterString(f));
  if (state.model !== "last_touch") q.set("model", state.model);
  if (state.imported === false) q.set("imported", "false");
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) q.set(k, String(v));
  return q.toString();
}

/** The page's own query string: the API query plus the chosen interval; defaults left out so URLs stay short. */
export function pageQuery(state: DashState): string {
  const trimmed = state.period === "30d" ? { ...state, period: null } : state;
  return apiQuery(trimmed, { interval: state.interval });
}

/** A filter on a dimension replaces any `is` filter already on it (clicking Germany after France shows Germany). */
export function withFilter(state: DashState, f: Filter): DashState {
  const kept = state.filters.filter((g) => !(g.dimension === f.dimension && g.op === "is" && f.op === "is"));
  return { ...state, filters: [...kept, f] };
}
export const withoutFilter = (state: DashState, index: number): DashState => ({ ...state, filters: state.filters.filter((_, i) => i !== index) });

/** A new range drops the interval: the old one may not fit (hours over a year). */
export const withPeriod = (state: DashState, period: DashPeriod): DashState => ({ ...state, period, from: undefined, to: undefined, interval: undefined });
export function withCustomRange(state: DashState, from: string, to: string): DashState {
  const [a, b] = from <= to ? [from, to] : [to, from];
  return { ...state, period: null, from: a, to: b, interval: undefined };
}

export function periodLabel(state: DashState): string {
  if (state.period) return DASH_PERIODS.find((p) => p.key === state.period)!.label;
  return state.to && state.to !== state.from ? `${state.from} – ${state.to}` : `${state.from}`;
}

export const DIMENSION_LABELS: Record<Dimension, string> = {
  channel: "Channel", referrer: "Referrer", utm_source: "UTM source", utm_medium: "UTM medium", utm_campaign: "Campaign",
  utm_term: "Keyword", utm_content: "UTM content", page: "Page", entry_page: "Entry page", exit_page: "Exit page",
  hostname: "Hostname", country: "Country", region: "Region", city: "City", browser: "Browser", os: "OS", device: "Device", goal: "Goal",
};
export const isDimension = (s: string): s is Dimension => (DIMENSIONS as readonly string[]).includes(s);
