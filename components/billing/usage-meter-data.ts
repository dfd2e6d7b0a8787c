import { monthOf, projectMonth } from "@/lib/billing/usage/month";

export type MeterTone = "ok" | "warn" | "over";

/** The usage bar's geometry and words: widths are fractions of the bar (0..1). */
export type UsageMeter = {
  events: number;
  projected: number;
  limit: number | null;
  /** Width of the counted part, and of the projection beyond it. */
  used: number;
  ahead: number;
  /** Where the limit's tick sits (null: no limit). */
  limitAt: number | null;
  tone: MeterTone;
  /** "May 2026", for "this month" in words. */
  monthLabel: string;
  /** Share of the limit used, whole percent (null without a limit). */
  percent: number | null;
};

/**
 * The month's usage as a bar: the count so far, the projection for the whole
 * month at its pace so far, and the plan's limit as a tick. The bar's scale is
 * the largest of the three (with some headroom past the limit), so all fit.
 * The tone warns from 80 % of the limit and turns "over" past it.
 */
export function usageMeter(input: { month: string; events: number; limit: number | null }, now: number): UsageMeter {
  const span = monthOf(Date.parse(`${input.month}-01T00:00:00Z`));
  const projected = Math.max(input.events, projectMonth(input.events, span, now));
  const { limit, events } = input;
  const scale = Math.max(projected, events, limit ? limit * 1.25 : 0, 1);
  const percent = limit ? Math.floor((events / limit) * 100) : null;
  const tone: MeterTone = limit === null ? "ok" : events > limit ? "over" : events >= limit * 0.8 ? "warn" : "ok";
  const monthLabel = new Date(span.from).toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
  return { events, projected, limit, used: events / scale, ahead: (projected - events) / scale, limitAt: limit ? limit / scale : null, tone, monthLabel, percent };
}
