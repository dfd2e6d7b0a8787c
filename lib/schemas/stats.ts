import { z } from "zod";
import { DAY_BOUNDS_MESSAGE, dayInBounds } from "@/lib/stats/date-range";
import { DIMENSIONS } from "@/lib/stats/dimensions";
import { parseFilter, type Filter } from "@/lib/stats/filters";
import { INTERVALS, PERIODS } from "@/lib/stats/period";
import { RATINGS } from "@/lib/stats/vitals-ratings";

// Query and response schemas of the stats endpoints, shared by /api/v1/stats/*
// (API key) and /api/websites/{id}/stats/* (dashboard), the OpenAPI document
// and the tests. lib/stats returns these types.

/** A calendar day, YYYY-MM-DD, that stats can cover (see FIRST_DAY / LAST_DAY). */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a day, YYYY-MM-DD")
  .refine((s) => {
    const t = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(s);
  }, "must be a real calendar day")
  .refine(dayInBounds, DAY_BOUNDS_MESSAGE);
const day = daySchema;

const filter = z
  .string()
  .max(1100)
  .transform((raw, ctx): Filter => {
    const parsed = parseFilter(raw);
    if (typeof parsed === "string") {
      ctx.addIssue({ code: "custom", message: parsed });
      return z.NEVER;
    }
    return parsed;
  });

const common = {
  period: z.enum(PERIODS).optional().describe("The range, in the website's time zone (default `30d`): today, yesterday, 24h (the last 24 hours), 7d and 30d (ending today), mtd, last_month, 12mo (this month and the 11 before), all"),
  from: day.optional().describe("Custom range start, a day (YYYY-MM-DD, inclusive, website time zone); replaces `period`. Days from 1970-01-01 to 2099-12-31; the comparison period (as many days just before) must start in them too"),
  to: day.optional().describe("Custom range end, a day (inclusive; default today, at most 2099-12-31); needs `from`"),
  filter: z
    .array(filter)
    .max(20)
    .default([])
    .describe("`dimension:op:value`, repeatable, all must hold. op: `is`, `is_not`, `contains` (case-insensitive). `(none)` is the value of a missing field. Dimensions as for `dimension`"),
  model: z.enum(["first_touch", "last_touch"]).default("last_touch").describe("Which touch of the buyer revenue is credited to (default `last_touch`)"),
  imported: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .describe("Add imported history (daily visitors and pageviews from Plausible, Umami or GA4) on days without Trailmark data; default `false` here, `true` on the dashboard. Left out under filters and in hourly charts"),
};

const checkRange = (q: { from?: string; to?: string; period?: string }, ctx: z.RefinementCtx) => {
  if (q.to && !q.from) ctx.addIssue({ code: "custom", path: ["from"], message: "`to` needs `from`" });
  if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before `from`" });
  if (q.from && q.period) ctx.addIssue({ code: "custom", path: ["period"], message: "give `period` or `from`/`to`, not both" });
};

export const overviewQuerySchema = z.object(common).strict().superRefine(checkRange);
export const timeseriesQuerySchema = z
  .object({ ...common, interval: z.enum(INTERVALS).optional().describe("Bucket size (default: hour up to 2 days, day up to 92, else month)") })
  .strict()
  .superRefine(checkRange);
const breakdownFields = {
  ...common,
  dimension: z.enum(DIMENSIONS).describe("What to group by: countries are ISO 3166-1 alpha-2, devices desktop/mobile/tablet, referrer a domain, page a path"),
  limit: z.coerce.number().int().min(1).max(1000).default(10).describe("Rows, most visitors first (1-1000)"),
};
export const breakdownQuerySchema = z.object(breakdownFields).strict().superRefine(checkRange);
/** The dashboard's breakdown: the public one, and whether each row carries its value in the previous period (a second period to count). */
export const dashboardBreakdownQuerySchema = z
  .object({
    ...breakdownFields,
    compare: z.enum(["previous", "none"]).default("previous").describe("`previous` (default): each row carries its figures in the previous period; `none`: rows without them (`previous: null`), one period counted"),
  })
  .strict()
  .superRefine(checkRange);

// Vitals have no revenue, so no attribution model.
const { model: _model, ...vitalsCommon } = common;
export const vitalsQuerySchema = z
  .object({
    ...vitalsCommon,
    filter: vitalsCommon.filter.describe("`dimension:op:value`, repeatable, all must hold. op: `is`, `is_not`, `contains` (case-insensitive). Dimensions as for /stats/breakdown"),
    limit: z.coerce.number().int().min(1).max(1000).default(10).describe("Pages, most measured page loads first (1-1000)"),
  })
  .strict()
  .superRefine(checkRange);

/** The revenue page's payments list: the stats query plus a page. */
export const paymentsQuerySchema = z
  .object({
    ...common,
    page: z.coerce.number().int().min(1).max(100_000).default(1).describe("Page, from 1"),
    pageSize: z.coerce.number().int().min(1).max(100).default(25).describe("Payments per page (1-100)"),
  })
  .strict()
  .superRefine(checkRange);
export type PaymentsQuery = z.infer<typeof paymentsQuerySchema>;

export type OverviewQuery = z.infer<typeof overviewQuerySchema>;
export type TimeseriesQuery = z.infer<typeof timeseriesQuerySchema>;
export type BreakdownQuery = z.infer<typeof breakdownQuerySchema>;
export type DashboardBreakdownQuery = z.infer<typeof dashboardBreakdownQuerySchema>;
export type VitalsQuery = z.infer<typeof vitalsQuerySchema>;
export type StatsQuery = OverviewQuery & { interval?: TimeseriesQuery["interval"] };

/** The query string as the schemas read it: `filter` may repeat, anything else keeps its last value. */
export function statsParams(url: string): Record<string, unknown> {
  const params = new URL(url).searchParams;
  const out: Record<string, unknown> = Object.fromEntries(params);
  if (params.has("filter")) out.filter = params.getAll("filter");
  return out;
}

const int = z.number().int();
const rate = z.number().min(0).max(1);

const SAMPLED = "Present only when the answer is estimated from 1 in `k` of the site's visitors (its range and the period before hold more event rows than the server's sampling threshold): counts are k times those of the visitors read; revenue totals stay exact unless a filter needs each payer's visits (the overview's `revenueExact`).";
const sampled = z.object({ k: int.min(2) }).optional().describe(SAMPLED);

export const overviewSchema = z.object({
  visitors: int,
  sessions: int,
  pageviews: int,
  bounceRate: rate.describe("Sessions with one pageview / sessions"),
  avgSessionDuration: int.describe("Seconds"),
  revenue: int.describe("Net of refunds, minor units of `currency`"),
  payments: int.describe("Payments in any currency, not fully refunded"),
  conversionRate: rate.describe("Visitors who paid / visitors"),
  revenuePerVisitor: int.describe("`revenue` / `visitors`, minor units"),
  currency: z.string().describe("The website's currency"),
  sample: z
    .object({
      k: int.min(2),
      visitorsMargin: z.number().min(0).max(1).describe("95 % margin of `visitors`, relative to it"),
      revenueExact: z.boolean().describe("False when a filter on a visit's pages, goals or other dimensions a payment does not record makes revenue that of the sampled payers, times k"),
    })
    .optional()
    .describe(SAMPLED),
});
export const timeseriesSchema = z.object({
  interval: z.enum(INTERVALS),
  points: z.array(
    z.object({
      time: z.string().describe("Bucket start, ISO 8601 in the website's time zone with its offset, e.g. 2026-03-29T00:00:00+01:00"),
      visitors: int,
      pageviews: int,
      revenue: int.describe("Net, minor units of the website's currency"),
    }),
  ).describe("Every bucket of the range, oldest first, empty ones included"),
  sample: sampled,
});
export const breakdownRowSchema = z.object({ value: z.string().describe("`(none)` for visits without it"), visitors: int, pageviews: int, revenue: int, payments: int, conversionRate: rate });
export const breakdownSchema = z.object({ dimension: z.enum(DIMENSIONS), rows: z.array(breakdownRowSchema), sample: sampled });

export type Overview = z.infer<typeof overviewSchema>;
export type Timeseries = z.infer<typeof timeseriesSchema>;
export type BreakdownRow = z.infer<typeof breakdownRowSchema>;
export type Breakdown = z.infer<typeof breakdownSchema>;

export const vitalMetricSchema = z.object({
  p75: z.number().min(0).describe("75th percentile of the page loads that measured it: milliseconds, CLS unitless"),
  samples: int.describe("Page loads that measured it"),
  rating: z.enum(RATINGS).describe("Google's rating of the p75"),
});
const vital = (thresholds: string) => vitalMetricSchema.nullable().describe(`${thresholds}; null when no page load measured it`);
export const vitalsRowSchema = z.object({
  samples: int.describe("Page loads that reported web vitals"),
  lcp: vital("Largest Contentful Paint, ms (good <= 2500, poor > 4000)"),
  inp: vital("Interaction to Next Paint, ms (good <= 200, poor > 500)"),
  cls: vital("Cumulative Layout Shift (good <= 0.1, poor > 0.25)"),
  ttfb: vital("Time to First Byte, ms (good <= 800, poor > 1800)"),
});
export const vitalsGroupSchema = vitalsRowSchema.extend({ value: z.string() });
export const vitalsSchema = z.object({
  total: vitalsRowSchema.describe("Every page load of the range and filters"),
  pages: z.array(vitalsGroupSchema).describe("Per page (a path), most page loads first"),
  devices: z.array(vitalsGroupSchema).describe("Per device (desktop, mobile, tablet; `(none)` when unknown), most page loads first"),
});
export type VitalsRow = z.infer<typeof vitalsRowSchema>;
export type Vitals = z.infer<typeof vitalsSchema>;
