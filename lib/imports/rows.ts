import { badImport } from "./errors";

/**
 * One day of one dimension's value, as the engine's `imported` table holds it.
 * dimension "" is the day's totals. Visitors are the tool's daily counts
 * (summed over days, they count a returning visitor once a day).
 */
export type ImportedRow = { day: string; dimension: string; value: string; visitors: number; visits: number; pageviews: number; bounces: number; duration: number };
export type Metrics = Pick<ImportedRow, "visitors" | "visits" | "pageviews" | "bounces" | "duration">;

/** What a file holds, ready to store: rows summed per (day, dimension, value), and the days covered. */
export type ParsedImport = { rows: ImportedRow[]; from: string; to: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day, YYYY-MM-DD (a date-time's day part is taken, as tools sometimes write one). */
export function dayOf(raw: string, where: string): string {
  const day = raw.trim().slice(0, 10);
  const t = new Date(`${day}T00:00:00Z`);
  if (!DAY.test(day) || Number.isNaN(t.getTime()) || !t.toISOString().startsWith(day)) throw badImport("invalid_csv", `${where}: "${raw}" is not a date`);
  return day;
}

/** Sums rows that land on the same (day, dimension, value), e.g. browser versions of one browser. */
export class RowSet {
  private rows = new Map<string, ImportedRow>();

  add(day: string, dimension: string, value: string, m: Metrics): void {
    const key = `${day}\u0000${dimension}\u0000${value}`;
    const row = this.rows.get(key);
    if (!row) {
      this.rows.set(key, { day, dimension, value, ...m });
      return;
    }
    row.visitors += m.visitors;
    row.visits += m.visits;
    row.pageviews += m.pageviews;
    row.bounces += m.bounces;
    row.duration += m.duration;
  }

  /** The rows and their days; refuses a file with no day totals (nothing to show on the chart). */
  done(what: string): ParsedImport {
    const rows = [...this.rows.values()];
    const totals = rows.filter((r) => r.dimension === "");
    if (!totals.length) throw badImport("empty_import", `${what} holds no days of visitors`);
    const days = totals.map((r) => r.day).sort();
    return { rows, from: days[0], to: days[days.length - 1] };
  }
}

/** A referrer as Trailmark keeps it: the host, without scheme, "www." or path. */
export function referrerHost(raw: string): string {
  const v = raw.trim().toLowerCase();
  if (!v) return "";
  const host = v.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").split(/[/?#]/)[0];
  return host.replace(/^www\./, "");
}

/** Device classes as Trailmark names them. */
export function deviceOf(raw: string): string {
  const v = raw.trim().toLowerCase();
  if (v === "desktop" || v === "laptop") return "desktop";
  if (v === "mobile" || v === "smartphone") return "mobile";
  if (v === "tablet") return "tablet";
  return v;
}
