import * as req from "@/lib/schemas/api-v1";
import * as res from "@/lib/schemas/api-v1-responses";
import * as stats from "@/lib/schemas/stats";
import { type Endpoint, requestSchema, responseSchema } from "./registry";

// Every endpoint of /api/v1, in the order the docs show them: one entry each,
// schemas in lib/schemas.

const VISITOR = "f2b9c1d04a7e4e21";

const ERASE_NOTES =
  "Removes every trace of the visitor for good: pageviews, goals, visits, identity, funnel progress and the live view. Their payments stay as revenue with amount and date only (no visitor, visit, customer, email or source). Cookieless visitors cannot be named: their id changes every day.";

// Parts of the vitals answer, named so the document (and the SDK) spell them once.
responseSchema("VitalsMetric", stats.vitalMetricSchema);
responseSchema("VitalsRow", stats.vitalsRowSchema);
responseSchema("VitalsGroup", stats.vitalsGroupSchema);

const STATS_NOTES =
  "A visit counts in the range it started in; revenue is net of refunds, in the website's currency, credited to the buyer's first or last touch (`model`). Filters apply to every number.";

export const endpoints: Endpoint[] = [
  {
    method: "get",
    path: "/stats/overview",
    tag: "Stats",
    summary: "Headline metrics",
    description: `Visitors, sessions, pageviews, bounce rate, average visit duration, revenue, payments, conversion rate (visitors who paid / visitors) and revenue per visitor for the range. ${STATS_NOTES}`,
    query: stats.overviewQuerySchema,
    responses: { 200: { description: "The metrics", schema: responseSchema("StatsOverview", stats.overviewSchema) } },
    example: { query: "period=30d&filter=country:is:DE&model=first_touch" },
  },
  {
    method: "get",
    path: "/stats/timeseries",
    tag: "Stats",
    summary: "Metrics over time",
    description: `Visitors, pageviews and revenue per hour, day, week (from Monday) or month in the website's time zone, every bucket included. ${STATS_NOTES}`,
    query: stats.timeseriesQuerySchema,
    responses: { 200: { description: "The buckets", schema: responseSchema("StatsTimeseries", stats.timeseriesSchema) } },
    example: { query: "from=2026-03-01&to=2026-03-31&interval=day" },
  },
  {
    method: "get",
    path: "/stats/breakdown",
    tag: "Stats",
    summary: "Top values of a dimension",
    description: `Rows of one dimension, most visitors first, each with visitors, pageviews, revenue, payments and conversion rate. On channel, referrer, UTM, entry page, country and device, revenue is credited to the payment's touch (rows add up); on the other dimensions a payment counts in every row its buyer visited. ${STATS_NOTES}`,
    query: stats.breakdownQuerySchema,
    responses: { 200: { description: "The rows", schema: responseSchema("StatsBreakdown", stats.breakdownSchema) } },
    example: { query: "dimension=utm_source&period=7d&limit=20&filter=device:is:mobile" },
  },
  {
    method: "get",
    path: "/stats/vitals",
    tag: "Stats",
    summary: "Web vitals",
    description:
      "The 75th percentile of LCP, INP, CLS and TTFB over the page loads reported in the range (the tracker's `web-vitals` extension: `script.web-vitals.js`), for all of them, per page (the `limit` most measured) and per device, each rated as Google does: LCP good up to 2500 ms, poor above 4000; INP 200 / 500 ms; CLS 0.1 / 0.25; TTFB 800 / 1800 ms. Filters on page, hostname, country, region, city, browser, OS and device test the page load itself; other filters keep the page loads of visitors with a visit in the range that passes them.",
    query: stats.vitalsQuerySchema,
    responses: { 200: { description: "The percentiles", schema: responseSchema("StatsVitals", stats.vitalsSchema) } },
    example: { query: "period=7d&filter=device:is:mobile&limit=20" },
  },
  {
    method: "get",
    path: "/visitors",
    tag: "Visitors",
    summary: "List visitors",
    description:
      "Visitors with a visit starting in the range (all time without `from`/`to`), most recently seen first. Filters combine with AND: `country`, `device` and `utm_campaign` must match one visit; `page` and `goal` must have happened in the range; `isCustomer` looks at every payment.",
    query: req.listVisitorsQuerySchema,
    responses: { 200: { description: "A page of visitors", schema: responseSchema("VisitorList", res.visitorListSchema) } },
    example: { query: "from=2026-03-01&to=2026-03-31&country=DE&limit=20" },
  },
  {
    method: "get",
    path: "/visitors/{visitorId}",
    tag: "Visitors",
    summary: "Get one visitor",
    description: "Identity (geo, browser, device of the latest visit), first touch, activity, profile from identify calls and payments with revenue.",
    params: req.visitorParamsSchema,
    responses: { 200: { description: "The visitor", schema: responseSchema("VisitorResponse", res.visitorResponseSchema) } },
    errors: { 404: "No visitor with this id on the key's website" },
    example: { pathParams: { visitorId: VISITOR } },
  },
  {
    method: "delete",
    path: "/visitors/{visitorId}",
    tag: "Visitors",
    summary: "Erase a visitor",
    description: ERASE_NOTES,
    params: req.visitorParamsSchema,
    responses: { 204: { description: "Erased" } },
    errors: { 404: "Nothing is held for this visitor id on the key's website" },
    example: { pathParams: { visitorId: VISITOR } },
  },
  {
    method: "delete",
    path: "/visitors",
    tag: "Visitors",
    summary: "Erase a person by user id or email",
    description: `Erases every visitor identified with the user id or email (identify calls; for an email, also the visitors its payments were matched to), and takes the email off its payments. ${ERASE_NOTES}`,
    query: req.eraseVisitorsQuerySchema,
    responses: { 204: { description: "Erased" } },
    errors: { 404: "No visitor or payment of the key's website is tied to this user id or email" },
    example: { query: "email=ada@example.com" },
  },
  {
    method: "post",
    path: "/goals",
    tag: "Events",
    summary: "Record a goal",
    description: "Records a goal for a visitor the website has seen, from your server (after a sign-up, a trial start...). It joins the visitor's latest visit and its source.",
    body: requestSchema("GoalRequest", req.goalRequestSchema),
    responses: { 201: { description: "Recorded", schema: responseSchema("GoalResponse", res.goalResponseSchema) } },
    errors: { 404: "The website has never seen this visitor (`visitor_not_found`)", 415: "The body is not JSON" },
    example: { body: { visitorId: VISITOR, name: "signup", props: { plan: "pro" } } },
  },
  {
    method: "post",
    path: "/identify",
    tag: "Events",
    summary: "Identify a visitor",
    description: "Links a visitor to your user id (and optionally email, name, traits), so payments made without Trailmark metadata can still be matched to the visit that brought them.",
    body: requestSchema("IdentifyRequest", req.identifyRequestSchema),
    responses: { 200: { description: "The visitor's profile after the update", schema: responseSchema("IdentifyResponse", res.identifyResponseSchema) } },
    errors: { 415: "The body is not JSON" },
    example: { body: { visitorId: VISITOR, userId: "user_42", email: "ada@example.com", name: "Ada", metadata: { plan: "pro", seats: 3 } } },
  },
  {
    method: "post",
    path: "/payments",
    tag: "Payments",
    summary: "Record a payment",
    description:
      "Records a payment made outside the supported providers' webhooks, attributed to a visitor: the `visitorId` given, else a visitor identified with the `userId` or `email`, else the customer's earlier payment (`customerId` or email), else unattributed (still counted in revenue). A visitor id the website has never seen is not trusted. Idempotent by `transactionId`: the first call answers 201, a repeat with the same amount and currency answers 200 with the stored payment. Send the same call again with `refunded: true` (full) or `refundedAmount` (partial; the total refunded so far) to record a refund; refunds only grow.",
    body: requestSchema("PaymentRequest", req.paymentRequestSchema),
    responses: {
      201: { description: "Recorded", schema: responseSchema("PaymentResponse", res.paymentResponseSchema) },
      200: { description: "Already recorded: the stored payment, with any refund this call reported", schema: res.paymentResponseSchema },
    },
    errors: { 409: "This transactionId is recorded with another amount or currency (`transaction_conflict`); nothing changed", 415: "The body is not JSON" },
    example: { body: { transactionId: "ch_3PqR7x", amount: 4900, currency: "usd", visitorId: VISITOR, email: "ada@example.com", renewal: false } },
  },
  {
    method: "delete",
    path: "/payments",
    tag: "Payments",
    summary: "Delete a payment",
    description: "Removes a payment recorded through this API, with its refunds and its events on the visitor's timeline. Payments from webhooks are not affected.",
    query: req.deletePaymentQuerySchema,
    responses: { 204: { description: "Deleted" } },
    errors: { 404: "No payment with this transactionId on the key's website (`payment_not_found`)" },
    example: { query: "transactionId=ch_3PqR7x" },
  },
  {
    method: "get",
    path: "/realtime",
    tag: "Realtime",
    summary: "Active visitors",
    description: "Distinct visitors with an event in the last five minutes, and the pages they viewed.",
    responses: { 200: { description: "The current activity", schema: responseSchema("Realtime", res.realtimeSchema) } },
  },
  {
    method: "get",
    path: "/export",
    tag: "Export",
    summary: "Export raw events as CSV",
    description:
      "Streams pageviews, then goal events, oldest first, as RFC 4180 CSV with a header row. Text that could start a spreadsheet formula is prefixed with an apostrophe.",
    query: req.exportQuerySchema,
    responses: { 200: { description: "CSV, one event per row", contentType: "text/csv" } },
    example: { query: "from=2026-03-01&to=2026-03-31&type=all" },
  },
  {
    method: "get",
    path: "/openapi.json",
    tag: "Meta",
    summary: "This document",
    description: "The OpenAPI 3.1 description of /api/v1. No key needed.",
    auth: false,
    responses: { 200: { description: "An OpenAPI 3.1 document", contentType: "application/json" } },
  },
];
