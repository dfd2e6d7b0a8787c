import { connectDb } from "@/lib/db";
import { str, strs } from "@/lib/engine/sql";
import { Import } from "@/models/Import";
import type { Dimension } from "./dimensions";
import { filterSql, labelled, type Selection } from "./selection";

/**
 * Imported history (daily aggregates from Plausible, Umami or GA4, engine
 * table `imported`) beside Trailmark's own visits. The rules, like
 * Plausible's: imported days add their visitors, visits and pageviews to the
 * cards, the chart (day, week and month buckets) and the breakdowns of the
 * dimensions the tool exports; a day that has native visits is Trailmark's
 * alone (native wins). Imported data carry no revenue and no visitor, and
 * each imported row has one dimension: one filter on a dimension the tool
 * exports is answered from that dimension's rows (country is DE: the
 * countries' rows for DE), for the cards, the chart and that dimension's
 * breakdown; under any other filtering they are left out, with a note.
 */
export type ImportedInfo = { included: boolean; note: string | null };

/** Dimensions an import can bring (lib/imports writes these names). */
export const IMPORTED_DIMENSIONS = new Set<Dimension>(["referrer", "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "page", "entry_page", "exit_page", "country", "region", "browser", "os", "device"]);

/** The finished imports of a website covering some of the days fromDay..toDay, whose rows stats may add. */
export async function finishedImports(websiteId: string, fromDay: string, toDay: string): Promise<string[]> {
  await connectDb();
  const docs = await Import.find({ websiteId, kind: "analytics", status: "done", from: { $lte: toDay }, to: { $gte: fromDay } }, { _id: 1 }).lean();
  return docs.map((d) => String(d._id));
}

/** The first day a finished import covers, if any (where the `all` period starts with imports on). */
export async function firstImportedDay(websiteId: string): Promise<string | null> {
  await connectDb();
  const first = await Import.findOne({ websiteId, kind: "analytics", status: "done" }, { from: 1 }).sort({ from: 1 }).lean<{ from?: string }>();
  return first?.from ?? null;
}

/** What a dashboard answer says about imported data: null when none covers its days (or it was not asked for). */
export function importedInfo(sel: Pick<Selection, "ctx">, refusal: string | null, note: string | null = null): ImportedInfo | null {
  if (!sel.ctx.imports.length) return null;
  return refusal ? { included: false, note: refusal } : { included: true, note };
}

const named = (d: Dimension) => d.replace(/_/g, " ");

/** Why imported data cannot join this question, or null when it can. */
export function importedRefusal(sel: Pick<Selection, "ctx">, dimension: Dimension | "" = "", hourly = false): string | null {
  if (!sel.ctx.imports.length) return null;
  const { filters } = sel.ctx;
  if (filters.length > 1) return "Imported data is left out: its rows have one dimension each, so they answer one filter at a time.";
  const [f] = filters;
  if (f && !IMPORTED_DIMENSIONS.has(f.dimension)) return `Imported data is left out: it has no ${named(f.dimension)} to filter by.`;
  if (hourly) return "Imported data is left out of hourly charts: it has only daily totals.";
  if (dimension && !IMPORTED_DIMENSIONS.has(dimension)) return "Imported data is left out: the tool it came from does not export this breakdown.";
  if (f && dimension && dimension !== f.dimension) return `Imported data is left out: its ${named(dimension)} rows cannot be filtered by ${named(f.dimension)}.`;
  return null;
}

export type ImportedSums = { p: number; g?: string; visitors: number; visits: number; pageviews: number; bounces: number; duration: number };

/** The local midnight starting an imported day: what periods and buckets place it by. */
export const importedMidnight = (timeZone: string) => `toDateTime(day, ${str(timeZone)})`;

/**
 * Per period (and `group` as `g`: a bucket key, or the row's labelled value)
 * the sums of the imported rows of `dimension` ("" = the day totals) on days
 * without native visits. Under a filter (one, on an imported dimension: see
 * importedRefusal) they are the rows of the filter's dimension that pass it.
 */
export function importedSql(sel: Selection, dimension: Dimension | "", group?: string): string {
  const { ctx } = sel;
  const midnight = importedMidnight(ctx.timezone);
  const native = `SELECT DISTINCT toDate(session_start, ${str(ctx.timezone)}) FROM ${sel.events} WHERE website_id = ${str(ctx.id)} AND ${sel.within("session_start")}`;
  const [f] = ctx.filters;
  return `SELECT ${sel.period(midnight)} AS p${group ? `, ${group} AS g` : ""},
      sum(visitors) AS visitors, sum(visits) AS visits, sum(pageviews) AS pageviews, sum(bounces) AS bounces, sum(duration) AS duration
    FROM ${sel.imported} WHERE website_id = ${str(ctx.id)} AND import_id IN ${strs(ctx.imports)} AND dimension = ${str(f ? f.dimension : dimension)}
      ${f ? `AND ${filterSql(f, importedValue)}` : ""} AND ${sel.within(midnight)} AND day NOT IN (${native})
    GROUP BY p${group ? ", g" : ""}`;
}

/** The labelled value of an imported row, for breakdowns. */
export const importedValue = labelled("value");
