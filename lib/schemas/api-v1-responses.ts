import { z } from "zod";

// Response shapes of the public API v1. lib/visitors returns these types, so
// the compiler holds the code to what the OpenAPI document promises.

const isoTime = z.iso.datetime().describe("ISO 8601, UTC");
const maybe = <S extends z.ZodType>(s: S) => s.nullable();

export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe("snake_case, stable: branch on this"),
    message: z.string().describe("for humans; may change"),
  }),
});

export const goalEventSchema = z.object({
  id: z.string(),
  visitorId: z.string(),
  sessionId: z.string().describe("The visitor's latest session, which the goal is attached to"),
  name: z.string(),
  props: z.record(z.string(), z.string()),
  timestamp: isoTime,
});
export const goalResponseSchema = z.object({ goal: goalEventSchema });

export const profileSchema = z.object({
  userId: maybe(z.string()),
  name: maybe(z.string()),
  hasEmail: z.boolean().describe("An email was given (it is stored only as a hash)"),
  traits: z.record(z.string(), z.string()).describe("Metadata from identify calls; values as strings"),
  identifiedAt: maybe(isoTime),
});
export const identifyResponseSchema = z.object({ visitorId: z.string(), profile: profileSchema });

const visitorSummarySchema = z.object({
  visitorId: z.string(),
  firstSeen: isoTime,
  lastSeen: isoTime,
  visits: z.number().int(),
  pageviews: z.number().int(),
  country: maybe(z.string()),
  device: maybe(z.string()),
  channel: maybe(z.string()).describe("Source channel of the visitor's first visit in the range"),
  utmCampaign: maybe(z.string()),
  isCustomer: z.boolean(),
});
export const visitorListSchema = z.object({
  visitors: z.array(visitorSummarySchema).describe("Most recently seen first"),
  nextCursor: maybe(z.string()).describe("Pass as `cursor` for the next page; null on the last page"),
});

// Where a visit came from: shared by a visitor's first touch and a payment's touches.
const sourceFields = {
  channel: maybe(z.string()),
  referrerDomain: maybe(z.string()),
  utmSource: maybe(z.string()),
  utmMedium: maybe(z.string()),
  utmCampaign: maybe(z.string()),
  utmTerm: maybe(z.string()),
  utmContent: maybe(z.string()),
  landingPage: maybe(z.string()),
};

const touchSchema = z.object({
  ...sourceFields,
  referrer: maybe(z.string()),
  at: isoTime,
});

export const paymentSummarySchema = z.object({
  id: z.string(),
  provider: z.string(),
  transactionId: z.string(),
  amount: z.number().int().describe("Minor units"),
  refundedAmount: z.number().int(),
  currency: z.string(),
  renewal: z.boolean(),
  status: z.string(),
  timestamp: isoTime,
});

export const visitorDetailSchema = z.object({
  visitorId: z.string(),
  identity: z.object({
    country: maybe(z.string()),
    region: maybe(z.string()),
    city: maybe(z.string()),
    browser: maybe(z.string()),
    os: maybe(z.string()),
    device: maybe(z.string()),
  }).describe("From the latest visit"),
  firstTouch: maybe(touchSchema).describe("Where the first visit came from; null for a visitor known only from identify or payments"),
  activity: z.object({
    visits: z.number().int(),
    pageviews: z.number().int(),
    firstSeen: maybe(isoTime),
    lastSeen: maybe(isoTime),
    pages: z.array(z.object({ path: z.string(), views: z.number().int(), lastViewedAt: isoTime })).describe("Most viewed first, at most 100"),
    goals: z.array(z.object({ name: z.string(), count: z.number().int(), firstAt: isoTime, lastAt: isoTime })),
  }),
  profile: profileSchema,
  money: z.object({
    currency: z.string().describe("The website's currency; totals count only payments in it"),
    payments: z.array(paymentSummarySchema).describe("Every payment, oldest first, in its own currency"),
    paymentCount: z.number().int(),
    grossRevenue: z.number().int(),
    refunds: z.number().int(),
    netRevenue: z.number().int(),
    customerSince: maybe(isoTime),
  }),
});
export const visitorResponseSchema = z.object({ visitor: visitorDetailSchema });

const paymentTouchSchema = z.object({
  ...sourceFields,
  country: maybe(z.string()),
  device: maybe(z.string()),
  at: maybe(isoTime).describe("When that visit started"),
});

export const apiPaymentSchema = z.object({
  id: z.string(),
  transactionId: z.string(),
  amount: z.number().int().describe("Minor units"),
  refundedAmount: z.number().int(),
  currency: z.string().describe("ISO 4217, upper case"),
  renewal: z.boolean(),
  status: z.enum(["paid", "refunded", "partially_refunded"]),
  visitorId: maybe(z.string()).describe("The visitor the payment is attributed to; null when unattributed"),
  matchedBy: z.enum(["metadata", "identity", "customer", "none"]).describe("`metadata`: the visitorId given; `identity`: a visitor identified with the userId or email; `customer`: the customer's earlier payment; `none`: unattributed (still counted in revenue)"),
  firstTouch: maybe(paymentTouchSchema).describe("The visit that first brought the visitor"),
  lastTouch: maybe(paymentTouchSchema).describe("The latest visit started before the payment"),
  timestamp: isoTime,
});
export const paymentResponseSchema = z.object({ payment: apiPaymentSchema });

export const realtimeSchema = z.object({
  activeVisitors: z.number().int().describe("Distinct visitors with an event in the last 5 minutes"),
  pages: z.array(z.object({ path: z.string(), visitors: z.number().int() })).describe("Pages viewed in the last 5 minutes, by visitors"),
  windowSeconds: z.number().int(),
  at: isoTime,
});

export type GoalEventDTO = z.infer<typeof goalEventSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type VisitorSummary = z.infer<typeof visitorSummarySchema>;
export type VisitorList = z.infer<typeof visitorListSchema>;
export type VisitorDetail = z.infer<typeof visitorDetailSchema>;
export type PaymentSummary = z.infer<typeof paymentSummarySchema>;
export type ApiPayment = z.infer<typeof apiPaymentSchema>;
export type PaymentTouch = z.infer<typeof paymentTouchSchema>;
export type Realtime = z.infer<typeof realtimeSchema>;
