import { z } from "zod";
import { clientId, LIMITS, propsSchema } from "@/lib/ingest/parse";
import type { DateBound } from "@/lib/stats/date-range";

// Request schemas of the public API v1: the routes parse with them and the
// OpenAPI document is generated from them (lib/openapi), so the docs cannot
// drift from what the server accepts. Descriptions end up in the docs.

export const visitorIdSchema = clientId.describe("The visitor id: `trailmark.visitorId()` in the browser, or the `tm_vid` cookie");

export const goalRequestSchema = z
  .object({
    visitorId: visitorIdSchema,
    name: z.string().trim().min(1).max(LIMITS.name).describe("The goal's event name, e.g. `signup`"),
    props: propsSchema.optional().describe(`Up to ${LIMITS.props} custom properties; values are strings, numbers or booleans`),
  })
  .strict();

const traitValue = z.union([z.string().max(LIMITS.propValue), z.number(), z.boolean()]);
export const identifyRequestSchema = z
  .object({
    visitorId: visitorIdSchema,
    userId: z.string().trim().min(1).max(LIMITS.userId).describe("Your own id for this user"),
    email: z.string().trim().max(LIMITS.email).pipe(z.email()).optional().describe("Kept only as a salted hash, to match payments; never returned"),
    name: z.string().trim().min(1).max(200).optional(),
    metadata: z
      .record(z.string().min(1).max(LIMITS.propKey), traitValue)
      .refine((o) => Object.keys(o).length <= 50, "at most 50 metadata keys")
      .optional()
      .describe("Traits merged into the visitor's profile (same key: the new value wins)"),
  })
  .strict();

// A query-string date: a day in the website's time zone, or an ISO instant.
const dateBound = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) ? !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) : z.iso.datetime({ offset: true }).safeParse(s).success, "must be a date (YYYY-MM-DD) or an ISO 8601 date-time")
  .transform((s): DateBound => (s.length === 10 ? { day: s } : { instant: new Date(s) }));
const from = dateBound.describe("Start: a day (YYYY-MM-DD, inclusive, website time zone) or an ISO date-time");
const to = dateBound.describe("End: a day (YYYY-MM-DD, inclusive) or an ISO date-time (exclusive)");

const boolString = z.enum(["true", "false"]).transform((v) => v === "true");

export const listVisitorsQuerySchema = z
  .object({
    from: from.optional(),
    to: to.optional(),
    page: z.string().min(1).max(LIMITS.url).optional().describe("Only visitors who viewed this path, e.g. `/pricing`"),
    goal: z.string().min(1).max(LIMITS.name).optional().describe("Only visitors who completed this goal"),
    country: z.string().regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code").transform((c) => c.toUpperCase()).optional(),
    device: z.enum(["desktop", "mobile", "tablet"]).optional(),
    utm_campaign: z.string().min(1).max(200).optional(),
    isCustomer: boolString.optional().describe("`true`: only visitors with a payment; `false`: only those without"),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe("Visitors per page (1-200)"),
    cursor: z.string().max(200).optional().describe("`nextCursor` of the previous page"),
  })
  .strict();

export const visitorParamsSchema = z.object({ visitorId: visitorIdSchema });

export const exportQuerySchema = z
  .object({
    from,
    to,
    type: z.enum(["all", "pageviews", "goals"]).default("all").describe("Which events to export"),
  })
  .strict();

export type GoalRequest = z.infer<typeof goalRequestSchema>;
export type IdentifyRequest = z.infer<typeof identifyRequestSchema>;
export type ListVisitorsQuery = z.infer<typeof listVisitorsQuerySchema>;
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** Parses a query string with a schema; a repeated parameter keeps its last value. */
export function parseQuery<S extends z.ZodType>(url: string, schema: S): z.infer<S> {
  return schema.parse(Object.fromEntries(new URL(url).searchParams));
}
