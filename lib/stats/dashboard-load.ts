import { z } from "zod";
import { knownError } from "@/lib/http/errors";
import { dashboardBreakdownQuerySchema, overviewQuerySchema, statsParams, timeseriesQuerySchema, type StatsQuery } from "@/lib/schemas/stats";
import { askedTogether } from "./asked-together";
import { breakdownsTogether } from "./breakdowns-together";
import type { StatsContext, StatsSite } from "./context";
import type { Dimension } from "./dimensions";
import type { RowMetrics } from "./get-breakdown";
import type { Range } from "./period";
import { dashboardBreakdown, dashboardContext, dashboardOverview, dashboardTimeseries, type Answering } from "./respond";
import { scansTogether } from "./visit-scan";

/**
 * A dashboard load in one request: the overview, the chart and the panels the
 * page opens with, each asked as its own route would be asked (`part` is that
 * route's path and query, e.g. `breakdown?period=30d&dimension=page&limit=100`)
 * and answered exactly as that route answers. One request signs in, checks the
 * membership and reads the site once instead of once per call (seven calls
 * spent ~130 ms of server CPU and 20-80 ms each before their SQL on a loaded
 * server), the parts share the contexts they have in common, and the
 * breakdowns of one context are asked together (one scan for the panels
 * whose dimension is a column of the visit rows), and so are the overview's
 * and the chart's visit counts (visit-scan.ts).
 */
export const MAX_PARTS = 16;

export const dashboardLoadQuerySchema = z
  .object({
    part: z
      .array(z.string().max(4_000))
      .min(1, "at least one part, e.g. part=overview?period=30d")
      .max(MAX_PARTS, `at most ${MAX_PARTS} parts`)
      .describe("A call of the dashboard: overview|timeseries|breakdown, then `?` and that route's query; repeatable"),
  })
  .strict();

/** The load's query string as its schema takes it (`part` always a list). */
export function dashboardParams(url: string): Record<string, unknown> {
  const params = new URL(url).searchParams;
  return { ...Object.fromEntries(params), part: params.getAll("part") };
}

/** A part's answer: its route's body, or the error that route would have answered. */
export type PartAnswer = { ok: true; data: unknown } | { ok: false; status: number; code: string; message: string };

const ROUTES: Record<string, (site: StatsSite, params: Record<string, unknown>, answering: Answering) => Promise<unknown>> = {
  overview: (site, p, a) => dashboardOverview(site, overviewQuerySchema.parse(p), a),
  timeseries: (site, p, a) => dashboardTimeseries(site, timeseriesQuerySchema.parse(p), a),
  breakdown: (site, p, a) => dashboardBreakdown(site, dashboardBreakdownQuerySchema.parse(p), a),
};

/** The fields a context is built from: parts that agree on them share one. */
const contextKey = (q: StatsQuery & { interval?: string }) => JSON.stringify([q.period, q.from, q.to, q.interval, q.filter, q.model, q.imported]);

/** Builds each distinct context once for the whole load. */
function sharedContexts(): Answering["contextOf"] {
  const made = new Map<string, Promise<StatsContext>>();
  return (site, q) => {
    const key = contextKey(q);
    let ctx = made.get(key);
    if (!ctx) made.set(key, (ctx = dashboardContext(site, q)));
    return ctx;
  };
}

type Asked = { dimension: Dimension; settle: (rows: Promise<Map<string, RowMetrics>[]>) => void };

/**
 * The breakdowns the parts ask for in the same moment, asked together per
 * context and periods (breakdowns-together.ts). Parts sharing a context get
 * the same context object from sharedContexts, so it keys them.
 */
function breakdownsAskedTogether(): Answering["rowsOf"] {
  const ask = askedTogether<StatsContext, Map<number, { periods: Range[]; asked: Asked[] }>>((byPeriods, ctx) => {
    for (const { periods, asked } of byPeriods.values()) {
      const dimensions = [...new Set(asked.map((a) => a.dimension))];
      const answers = breakdownsTogether(ctx, dimensions, periods);
      for (const a of asked) a.settle(answers.then((all) => all[dimensions.indexOf(a.dimension)]));
    }
  });
  return (ctx, dimension, periods) => {
    const byPeriods = ask(ctx, () => new Map());
    // The current range alone, or with the period before it: the only two shapes a breakdown asks.
    let group = byPeriods.get(periods.length);
    if (!group) byPeriods.set(periods.length, (group = { periods, asked: [] }));
    return new Promise((resolve) => group.asked.push({ dimension, settle: resolve }));
  };
}

/** Every part answered at once; a part's bad input or refusal is its own answer, our faults fail the load. */
export async function dashboardLoad(site: StatsSite, parts: string[]): Promise<{ parts: PartAnswer[] }> {
  const answering: Answering = { contextOf: sharedContexts(), rowsOf: breakdownsAskedTogether(), scan: scansTogether() };
  const answers = await Promise.all(
    parts.map(async (part): Promise<PartAnswer> => {
      const cut = part.indexOf("?");
      const name = cut < 0 ? part : part.slice(0, cut);
      const route = Object.hasOwn(ROUTES, name) ? ROUTES[name] : undefined;
      if (!route) return { ok: false, status: 400, code: "invalid_input", message: `part: unknown call "${part.slice(0, 40)}", expected overview, timeseries or breakdown` };
      try {
        return { ok: true, data: await route(site, statsParams(`http://part/${part}`), answering) };
      } catch (err) {
        const known = knownError(err);
        if (!known) throw err;
        return { ok: false, status: known.status, code: known.code, message: known.message };
      }
    }),
  );
  return { parts: answers };
}
