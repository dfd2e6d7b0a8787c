import { z } from "zod";
import { clientId, LIMITS, propsSchema, withoutProtoKey } from "@/lib/ingest/parse";
import { DAY_BOUNDS_MESSAGE, dayInBounds, type DateBound } from "@/lib/stats/date-range";

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
    metadata: withoutProtoKey(z
      .record(z.string().min(1).max(LIMITS.propKey), traitValue)
      .refine((o) => Object.keys(o).length <= 50, "at most 50 metadata keys"))
      .optional()
      .describe("Traits merged into the visitor's profile (same key: the new value wins)"),
  })
  .strict();

// ISO 4217 codes the runtime knows (Intl), so "ABC" is refused as well as "dollars".
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));
const minorUnits = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const transactionIdSchema = z.string().trim().min(1).max(200).describe("Your id of the payment (e.g. the provider's charge or order id); the key that makes the call idempotent");

export const paymentRequestSchema = z
  .object({
    transactionId: transactionIdSchema,
    amount: minorUnits.describe("Integer minor units (cents): 4900 is 49.00 USD"),
    currency: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, "must be a 3-letter ISO 4217 code")
      .transform((c) => c.toUpperCase())
      .refine((c) => CURRENCIES.has(c), "must be an ISO 4217 currency code")
      .describe("ISO 4217, any case, e.g. `usd`"),
    visitorId: visitorIdSchema.optional().describe("`trailmark.visitorId()` of the buyer: the strongest match"),
    email: z.string().trim().max(LIMITS.email).pipe(z.email()).optional().describe("Matches a visitor identified with this email; kept only as a salted hash, never returned"),
    userId: z.string().trim().min(1).max(LIMITS.userId).optional().describe("Matches a visitor identified (POST /identify) with this user id"),
    customerId: z.string().trim().min(1).max(200).optional().describe("Your customer id: later payments of the customer follow the first one's visitor"),
    renewal: z.boolean().optional().describe("A subscription renewal rather than a new purchase (default false)"),
    refunded: z.boolean().optional().describe("`true`: the whole amount was refunded"),
    refundedAmount: minorUnits.optional().describe("A partial refund: the total refunded so far, in minor units, at most `amount`"),
    timestamp: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional().describe("When it was paid, ISO 8601 (default: now)"),
  })
  .strict()
  .refine((p) => !(p.refunded !== undefined && p.refundedAmount !== undefined), { message: "give `refunded` or `refundedAmount`, not both", path: ["refundedAmount"] })
  .refine((p) => p.refundedAmount === undefined || p.refundedAmount <= p.amount, { message: "cannot exceed `amount`", path: ["refundedAmount"] });

export const deletePaymentQuerySchema = z.object({ transactionId: transactionIdSchema }).strict();

// A query-string date: a day in the website's time zone, or an ISO instant
// (whose UTC day must be one stats can cover, like a day's).
const dateBound = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) ? !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) : z.iso.datetime({ offset: true }).safeParse(s).success, "must be a date (YYYY-MM-DD) or an ISO 8601 date-time")
  .refine((s) => {
    const t = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
    return Number.isNaN(t) || dayInBounds(new Date(t).toISOString().slice(0, 10)); // NaN: the check above says why
  }, DAY_BOUNDS_MESSAGE)
  .transform((s): DateBound => (s.length === 10 ? { day: s } : { instant: new Date(s) }));
const from = dateBound.describe("Start: a day (YYYY-MM-DD, inclusive, website time zone) or an ISO date-time, from 1970-01-01");
const to = dateBound.describe("End: a day (YYYY-MM-DD, inclusive) or an ISO date-time (exclusive), up to 2099-12-31");

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
export type PaymentRequest = z.infer<typeof paymentRequestSchema>;
export type ListVisitorsQuery = z.infer<typeof listVisitorsQuerySchema>;
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** Parses a query string with a schema; a repeated parameter keeps its last value. */
export function parseQuery<S extends z.ZodType>(url: string, schema: S): z.infer<S> {
  return schema.parse(Object.fromEntries(new URL(url).searchParams));
}
