import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import type { GoalDTO } from "@/lib/goals/goals";
import type { Interval } from "./date-range";
import { countVisitors, findEventHits, findPageHits, netRevenueByVisitor, sumOver } from "./goal-matches";
import { pathMatcher } from "./path-glob";

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

/**
 * Completions, converters, conversion rate and revenue of each goal over one
 * interval. Four reads whatever the number of goals (event hits, page hits,
 * visitors, payments); matching a hit to its goals happens here.
 */
export async function getGoalStats(site: Site, goals: GoalDTO[], interval: Interval): Promise<GoalStats> {
  await connectDb();
  const wid = new Types.ObjectId(site.id);
  const eventGoals = goals.filter((g) => g.kind === "event");
  const pageGoals = goals.filter((g) => g.kind === "page");
  const [events, pages, visitors, revenue] = await Promise.all([
    findEventHits(wid, interval, eventGoals.map((g) => g.match)),
    findPageHits(wid, interval, pageGoals.map((g) => g.match)),
    countVisitors(wid, interval),
    netRevenueByVisitor(wid, interval, site.currency),
  ]);

  const stats = goals.map((goal) => {
    let completions = 0;
    const converted = new Set<string>();
    if (goal.kind === "event") {
      for (const e of events) if (e.name === goal.match) (completions++, converted.add(e.visitorId));
    } else {
      const matches = pathMatcher(goal.match);
      for (const p of pages) if (matches(p.path)) (completions++, converted.add(p.visitorId));
    }
    return {
      goal,
      completions,
      visitors: converted.size,
      // A goal reached by API calls alone can have converters without a session in range; cap at 1.
      conversionRate: visitors ? Math.min(1, converted.size / visitors) : 0,
      revenue: sumOver(converted, revenue),
    };
  });
  return { visitors, currency: site.currency, goals: stats };
}
