import { engine } from "@/lib/engine";
import { at, str } from "@/lib/engine/sql";
import type { GoalDTO } from "@/lib/goals/goals";
import type { Interval } from "./date-range";
import { goalCondition } from "./goal-conditions";

export type GoalStat = {
  goal: GoalDTO;
  /** Every event or matching pageview: a visitor who signs up twice counts twice. */
  completions: number;
  /** Distinct visitors who completed it at least once. */
  visitors: number;
  /** Converted visitors / all visitors in the range, 0..1. */
  conversionRate: number;
  /** Net revenue (minor units, site currency) of payments in the range by visitors who converted. */
  revenue: number;
};
export type GoalStats = { visitors: number; currency: string; goals: GoalStat[] };

type Site = { id: string; currency: string };

/** Events in the interval (by their own time: a goal reached in a visit that began earlier counts). */
export const inInterval = (column: string, { start, end }: Interval) => [start && `${column} >= ${at(start)}`, end && `${column} < ${at(end)}`].filter(Boolean).join(" AND ") || "1";

/** Net revenue per payer of the website's payments in the interval, in one currency. */
export const revenueByPayer = (tables: { payments: string }, site: Site, interval: Interval) =>
  `(SELECT visitor, sum(amount - refunded) AS revenue FROM ${tables.payments} FINAL
    WHERE website_id = ${str(site.id)} AND ${inInterval("ts", interval)} AND currency = ${str(site.currency)} AND visitor_id != '' GROUP BY visitor)`;

/**
 * Completions, converters, conversion rate and revenue of each goal over one
 * interval: one pass over the interval's events tags each with the goals it
 * completes, then per goal and visitor, joined to what the visitor paid.
 */
export async function getGoalStats(site: Site, goals: GoalDTO[], interval: Interval): Promise<GoalStats> {
  const e = await engine();
  const { events } = e.tables;
  const tags = goals.length ? `[${goals.map((g, i) => `if(${goalCondition(g)}, ${i}, -1)`).join(", ")}]` : "[]";
  const [[{ visitors }], rows] = await Promise.all([
    e.query<{ visitors: number }>(`SELECT uniqExact(visitor) AS visitors FROM ${events} WHERE website_id = ${str(site.id)} AND ${inInterval("session_start", interval)} AND session_first = 1`),
    goals.length
      ? e.query<{ g: number; completions: number; visitors: number; revenue: number }>(`
        SELECT g, sum(n) AS completions, count() AS visitors, sum(r.revenue) AS revenue FROM (
          SELECT g, visitor, count() AS n FROM (
            SELECT arrayJoin(arrayFilter(x -> x >= 0, ${tags})) AS g, visitor FROM ${events}
            WHERE website_id = ${str(site.id)} AND ${inInterval("ts", interval)} AND kind IN ('pageview', 'goal')
          ) GROUP BY g, visitor
        ) AS h LEFT JOIN ${revenueByPayer(e.tables, site, interval)} AS r USING (visitor) GROUP BY g`)
      : Promise.resolve([]),
  ]);
  return {
    visitors,
    currency: site.currency,
    goals: goals.map((goal, i) => {
      const r = rows.find((row) => row.g === i) ?? { completions: 0, visitors: 0, revenue: 0 };
      // A goal reached by API calls alone can have converters without a visit in range; cap at 1.
      return { goal, completions: r.completions, visitors: r.visitors, conversionRate: visitors ? Math.min(1, r.visitors / visitors) : 0, revenue: r.revenue };
    }),
  };
}


