import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import type { FunnelDTO } from "@/lib/funnels/funnels";
import type { GoalDTO } from "@/lib/goals/goals";
import type { Interval } from "./date-range";
import { furthestStep } from "./funnel-paths";
import { findEventHits, findPageHits, netRevenueByVisitor, sumOver } from "./goal-matches";
import { pathMatcher } from "./path-glob";

export type FunnelStepReport = {
  name: string;
  type: "page" | "goal";
  value: string;
  /** Visitors who reached this step in order within the window. */
  visitors: number;
  /** Visitors of the previous step who did not reach this one (0 for the first). */
  dropoff: number;
  /** dropoff / previous step's visitors, 0..1. */
  dropoffRate: number;
  /** visitors / first step's visitors, 0..1. */
  conversionRate: number;
  /** Net revenue (minor units, site currency) of payments in the range by visitors who reached this step. */
  revenue: number;
};
export type FunnelReport = { funnelId: string; windowHours: number; currency: string; entered: number; completed: number; steps: FunnelStepReport[] };

type Site = { id: string; currency: string };
/** What a step matches once goal names are resolved to their definitions. */
type Matcher = { kind: "page"; pattern: string; test: (path: string) => boolean } | { kind: "event"; name: string };

function resolveStep(step: FunnelDTO["steps"][number], goals: GoalDTO[]): Matcher {
  if (step.type === "page") return { kind: "page", pattern: step.value, test: pathMatcher(step.value) };
  // A goal step names a defined goal; a name with no definition is taken as a custom event name.
  const goal = goals.find((g) => g.name === step.value);
  if (goal?.kind === "page") return { kind: "page", pattern: goal.match, test: pathMatcher(goal.match) };
  return { kind: "event", name: goal?.match ?? step.value };
}

/**
 * Per step of a funnel: visitors, drop-off and their revenue. Visitors enter in
 * the interval and must complete steps in order within the funnel's window,
 * which may run past the interval's end. Built from PageView and GoalEvent.
 */
export async function getFunnelReport(site: Site, funnel: FunnelDTO, goals: GoalDTO[], interval: Interval): Promise<FunnelReport> {
  await connectDb();
  const wid = new Types.ObjectId(site.id);
  const windowMs = funnel.windowHours * 3_600_000;
  const matchers = funnel.steps.map((s) => resolveStep(s, goals));
  const reach: Interval = { start: interval.start, end: interval.end && new Date(interval.end.getTime() + windowMs) };
  const [pages, events, revenue] = await Promise.all([
    findPageHits(wid, reach, matchers.flatMap((m) => (m.kind === "page" ? [m.pattern] : []))),
    findEventHits(wid, reach, matchers.flatMap((m) => (m.kind === "event" ? [m.name] : []))),
    netRevenueByVisitor(wid, interval, site.currency),
  ]);

  // Each hit tagged with every step it matches (a page can be two steps' wildcard).
  const byVisitor = new Map<string, { at: number; steps: Set<number> }[]>();
  const add = (visitorId: string, at: Date, steps: Set<number>) => {
    if (!steps.size) return;
    let list = byVisitor.get(visitorId);
    if (!list) byVisitor.set(visitorId, (list = []));
    list.push({ at: at.getTime(), steps });
  };
  for (const p of pages) add(p.visitorId, p.timestamp, new Set(matchers.flatMap((m, i) => (m.kind === "page" && m.test(p.path) ? [i] : []))));
  for (const e of events) add(e.visitorId, e.timestamp, new Set(matchers.flatMap((m, i) => (m.kind === "event" && m.name === e.name ? [i] : []))));

  const reachedBy = funnel.steps.map(() => new Set<string>());
  const startsBefore = interval.end?.getTime() ?? Infinity;
  for (const [visitorId, list] of byVisitor) {
    list.sort((a, b) => a.at - b.at);
    const furthest = furthestStep(list, funnel.steps.length, windowMs, startsBefore);
    for (let i = 0; i <= furthest; i++) reachedBy[i].add(visitorId);
  }

  const entered = reachedBy[0].size;
  const steps = funnel.steps.map((s, i) => {
    const visitors = reachedBy[i].size;
    const previous = i === 0 ? visitors : reachedBy[i - 1].size;
    const dropoff = previous - visitors;
    return {
      name: s.name, type: s.type, value: s.value, visitors, dropoff,
      dropoffRate: previous ? dropoff / previous : 0,
      conversionRate: entered ? visitors / entered : 0,
      revenue: sumOver(reachedBy[i], revenue),
    };
  });
  return { funnelId: funnel.id, windowHours: funnel.windowHours, currency: site.currency, entered, completed: steps[steps.length - 1]?.visitors ?? 0, steps };
}
