// Generated from Trailmark's /api/v1/openapi.json by scripts/generate.mjs: do not edit.
// Trailmark API 1.0.0

export interface GoalRequest {
  /** The visitor id: `trailmark.visitorId()` in the browser, or the `tm_vid` cookie */
  visitorId: string;
  /** The goal's event name, e.g. `signup` */
  name: string;
  /** Up to 20 custom properties; values are strings, numbers or booleans */
  props?: Record<string, string | number | boolean | null>;
}

export interface IdentifyRequest {
  /** The visitor id: `trailmark.visitorId()` in the browser, or the `tm_vid` cookie */
  visitorId: string;
  /** Your own id for this user */
  userId: string;
  /** Kept only as a salted hash, to match payments; never returned */
  email?: string;
  name?: string;
  /** Traits merged into the visitor's profile (same key: the new value wins) */
  metadata?: Record<string, string | number | boolean>;
}

export interface PaymentRequest {
  /** Your id of the payment (e.g. the provider's charge or order id); the key that makes the call idempotent */
  transactionId: string;
  /** Integer minor units (cents): 4900 is 49.00 USD */
  amount: number;
  /** ISO 4217, any case, e.g. `usd` */
  currency: string;
  /** `trailmark.visitorId()` of the buyer: the strongest match */
  visitorId?: string;
  /** Matches a visitor identified with this email; kept only as a salted hash, never returned */
  email?: string;
  /** Matches a visitor identified (POST /identify) with this user id */
  userId?: string;
  /** Your customer id: later payments of the customer follow the first one's visitor */
  customerId?: string;
  /** A subscription renewal rather than a new purchase (default false) */
  renewal?: boolean;
  /** `true`: the whole amount was refunded */
  refunded?: boolean;
  /** A partial refund: the total refunded so far, in minor units, at most `amount` */
  refundedAmount?: number;
  /** When it was paid, ISO 8601 (default: now) */
  timestamp?: string;
}

export interface ErrorBody {
  error: {
    /** snake_case, stable: branch on this */
    code: string;
    /** for humans; may change */
    message: string;
  };
}

export interface VitalsMetric {
  /** 75th percentile of the page loads that measured it: milliseconds, CLS unitless */
  p75: number;
  /** Page loads that measured it */
  samples: number;
  /** Google's rating of the p75 */
  rating: "good" | "needs_improvement" | "poor";
}

export interface VitalsRow {
  /** Page loads that reported web vitals */
  samples: number;
  /** Largest Contentful Paint, ms (good <= 2500, poor > 4000); null when no page load measured it */
  lcp: VitalsMetric | null;
  /** Interaction to Next Paint, ms (good <= 200, poor > 500); null when no page load measured it */
  inp: VitalsMetric | null;
  /** Cumulative Layout Shift (good <= 0.1, poor > 0.25); null when no page load measured it */
  cls: VitalsMetric | null;
  /** Time to First Byte, ms (good <= 800, poor > 1800); null when no page load measured it */
  ttfb: VitalsMetric | null;
}

export interface VitalsGroup {
  /** Page loads that reported web vitals */
  samples: number;
  /** Largest Contentful Paint, ms (good <= 2500, poor > 4000); null when no page load measured it */
  lcp: VitalsMetric | null;
  /** Interaction to Next Paint, ms (good <= 200, poor > 500); null when no page load measured it */
  inp: VitalsMetric | null;
  /** Cumulative Layout Shift (good <= 0.1, poor > 0.25); null when no page load measured it */
  cls: VitalsMetric | null;
  /** Time to First Byte, ms (good <= 800, poor > 1800); null when no page load measured it */
  ttfb: VitalsMetric | null;
  value: string;
}

export interface StatsOverview {
  visitors: number;
  sessions: number;
  pageviews: number;
  /** Sessions with one pageview / sessions */
  bounceRate: number;
  /** Seconds */
  avgSessionDuration: number;
  /** Net of refunds, minor units of `currency` */
  revenue: number;
  /** Payments in any currency, not fully refunded */
  payments: number;
  /** Visitors who paid / visitors */
  conversionRate: number;
  /** `revenue` / `visitors`, minor units */
  revenuePerVisitor: number;
  /** The website's currency */
  currency: string;
  /** Present only when the answer is estimated from 1 in `k` of the site's visitors (its range and the period before hold more event rows than the server's sampling threshold): counts are k times those of the visitors read; revenue totals stay exact unless a filter needs each payer's visits (the overview's `revenueExact`). */
  sample?: {
    k: number;
    /** 95 % margin of `visitors`, relative to it */
    visitorsMargin: number;
    /** False when a filter on a visit's pages, goals or other dimensions a payment does not record makes revenue that of the sampled payers, times k */
    revenueExact: boolean;
  };
}

export interface StatsTimeseries {
  interval: "hour" | "day" | "week" | "month";
  /** Every bucket of the range, oldest first, empty ones included */
  points: {
    /** Bucket start, ISO 8601 in the website's time zone with its offset, e.g. 2026-03-29T00:00:00+01:00 */
    time: string;
    visitors: number;
    pageviews: number;
    /** Net, minor units of the website's currency */
    revenue: number;
  }[];
  /** Present only when the answer is estimated from 1 in `k` of the site's visitors (its range and the period before hold more event rows than the server's sampling threshold): counts are k times those of the visitors read; revenue totals stay exact unless a filter needs each payer's visits (the overview's `revenueExact`). */
  sample?: {
    k: number;
  };
}

export interface StatsBreakdown {
  dimension: "channel" | "referrer" | "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content" | "page" | "entry_page" | "exit_page" | "hostname" | "country" | "region" | "city" | "browser" | "os" | "device" | "goal";
  rows: {
    /** `(none)` for visits without it */
    value: string;
    visitors: number;
    pageviews: number;
    revenue: number;
    payments: number;
    conversionRate: number;
  }[];
  /** Present only when the answer is estimated from 1 in `k` of the site's visitors (its range and the period before hold more event rows than the server's sampling threshold): counts are k times those of the visitors read; revenue totals stay exact unless a filter needs each payer's visits (the overview's `revenueExact`). */
  sample?: {
    k: number;
  };
}

export interface StatsVitals {
  /** Every page load of the range and filters */
  total: VitalsRow;
  /** Per page (a path), most page loads first */
  pages: VitalsGroup[];
  /** Per device (desktop, mobile, tablet; `(none)` when unknown), most page loads first */
  devices: VitalsGroup[];
}

export interface VisitorList {
  /** Most recently seen first */
  visitors: ({
    visitorId: string;
    /** ISO 8601, UTC */
    firstSeen: string;
    /** ISO 8601, UTC */
    lastSeen: string;
    visits: number;
    pageviews: number;
    country: string | null;
    device: string | null;
    /** Source channel of the visitor's first visit in the range */
    channel: string | null;
    utmCampaign: string | null;
    isCustomer: boolean;
  })[];
  /** Pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export interface VisitorResponse {
  visitor: {
    visitorId: string;
    /** From the latest visit */
    identity: {
      country: string | null;
      region: string | null;
      city: string | null;
      browser: string | null;
      os: string | null;
      device: string | null;
    };
    /** Where the first visit came from; null for a visitor known only from identify or payments */
    firstTouch: {
      channel: string | null;
      referrerDomain: string | null;
      utmSource: string | null;
      utmMedium: string | null;
      utmCampaign: string | null;
      utmTerm: string | null;
      utmContent: string | null;
      landingPage: string | null;
      referrer: string | null;
      /** ISO 8601, UTC */
      at: string;
    } | null;
    activity: {
      visits: number;
      pageviews: number;
      firstSeen: string | null;
      lastSeen: string | null;
      /** Most viewed first, at most 100 */
      pages: {
        path: string;
        views: number;
        /** ISO 8601, UTC */
        lastViewedAt: string;
      }[];
      goals: {
        name: string;
        count: number;
        /** ISO 8601, UTC */
        firstAt: string;
        /** ISO 8601, UTC */
        lastAt: string;
      }[];
    };
    profile: {
      userId: string | null;
      name: string | null;
      /** An email was given (it is stored only as a hash) */
      hasEmail: boolean;
      /** Metadata from identify calls; values as strings */
      traits: Record<string, string>;
      identifiedAt: string | null;
    };
    money: {
      /** The website's currency; totals count only payments in it */
      currency: string;
      /** Every payment, oldest first, in its own currency */
      payments: {
        id: string;
        provider: string;
        transactionId: string;
        /** Minor units */
        amount: number;
        refundedAmount: number;
        currency: string;
        renewal: boolean;
        status: string;
        /** ISO 8601, UTC */
        timestamp: string;
      }[];
      paymentCount: number;
      grossRevenue: number;
      refunds: number;
      netRevenue: number;
      customerSince: string | null;
    };
  };
}

export interface GoalResponse {
  goal: {
    id: string;
    visitorId: string;
    /** The visitor's latest session, which the goal is attached to */
    sessionId: string;
    name: string;
    props: Record<string, string>;
    /** ISO 8601, UTC */
    timestamp: string;
  };
}

export interface IdentifyResponse {
  visitorId: string;
  profile: {
    userId: string | null;
    name: string | null;
    /** An email was given (it is stored only as a hash) */
    hasEmail: boolean;
    /** Metadata from identify calls; values as strings */
    traits: Record<string, string>;
    identifiedAt: string | null;
  };
}

export interface PaymentResponse {
  payment: {
    id: string;
    transactionId: string;
    /** Minor units */
    amount: number;
    refundedAmount: number;
    /** ISO 4217, upper case */
    currency: string;
    renewal: boolean;
    status: "paid" | "refunded" | "partially_refunded";
    /** The visitor the payment is attributed to; null when unattributed */
    visitorId: string | null;
    /** `metadata`: the visitorId given; `identity`: a visitor identified with the userId or email; `customer`: the customer's earlier payment; `none`: unattributed (still counted in revenue) */
    matchedBy: "metadata" | "identity" | "customer" | "none";
    /** The visit that first brought the visitor */
    firstTouch: {
      channel: string | null;
      referrerDomain: string | null;
      utmSource: string | null;
      utmMedium: string | null;
      utmCampaign: string | null;
      utmTerm: string | null;
      utmContent: string | null;
      landingPage: string | null;
      country: string | null;
      device: string | null;
      /** When that visit started */
      at: string | null;
    } | null;
    /** The latest visit started before the payment */
    lastTouch: {
      channel: string | null;
      referrerDomain: string | null;
      utmSource: string | null;
      utmMedium: string | null;
      utmCampaign: string | null;
      utmTerm: string | null;
      utmContent: string | null;
      landingPage: string | null;
      country: string | null;
      device: string | null;
      /** When that visit started */
      at: string | null;
    } | null;
    /** ISO 8601, UTC */
    timestamp: string;
  };
}

export interface Realtime {
  /** Distinct visitors with an event in the last 5 minutes */
  activeVisitors: number;
  /** Pages viewed in the last 5 minutes, by visitors */
  pages: {
    path: string;
    visitors: number;
  }[];
  windowSeconds: number;
  /** ISO 8601, UTC */
  at: string;
}

export type GetStatsOverviewQuery = {
  /** The range, in the website's time zone (default `30d`): today, yesterday, 24h (the last 24 hours), 7d and 30d (ending today), mtd, last_month, 12mo (this month and the 11 before), all */
  period?: "today" | "yesterday" | "24h" | "7d" | "30d" | "mtd" | "last_month" | "12mo" | "all";
  /** Custom range start, a day (YYYY-MM-DD, inclusive, website time zone); replaces `period`. Days from 1970-01-01 to 2099-12-31; the comparison period (as many days just before) must start in them too */
  from?: string;
  /** Custom range end, a day (inclusive; default today, at most 2099-12-31); needs `from` */
  to?: string;
  /** `dimension:op:value`, repeatable, all must hold. op: `is`, `is_not`, `contains` (case-insensitive). `(none)` is the value of a missing field. Dimensions as for `dimension` */
  filter?: string | string[];
  /** Which touch of the buyer revenue is credited to (default `last_touch`) */
  model?: "first_touch" | "last_touch";
  /** Add imported history (daily visitors and pageviews from Plausible, Umami or GA4) on days without Trailmark data; default `false` here, `true` on the dashboard. Left out under filters and in hourly charts */
  imported?: "true" | "false";
};

export type GetStatsTimeseriesQuery = {
  /** The range, in the website's time zone (default `30d`): today, yesterday, 24h (the last 24 hours), 7d and 30d (ending today), mtd, last_month, 12mo (this month and the 11 before), all */
  period?: "today" | "yesterday" | "24h" | "7d" | "30d" | "mtd" | "last_month" | "12mo" | "all";
  /** Custom range start, a day (YYYY-MM-DD, inclusive, website time zone); replaces `period`. Days from 1970-01-01 to 2099-12-31; the comparison period (as many days just before) must start in them too */
  from?: string;
  /** Custom range end, a day (inclusive; default today, at most 2099-12-31); needs `from` */
  to?: string;
  /** `dimension:op:value`, repeatable, all must hold. op: `is`, `is_not`, `contains` (case-insensitive). `(none)` is the value of a missing field. Dimensions as for `dimension` */
  filter?: string | string[];
  /** Which touch of the buyer revenue is credited to (default `last_touch`) */
  model?: "first_touch" | "last_touch";
  /** Add imported history (daily visitors and pageviews from Plausible, Umami or GA4) on days without Trailmark data; default `false` here, `true` on the dashboard. Left out under filters and in hourly charts */
  imported?: "true" | "false";
  /** Bucket size (default: hour up to 2 days, day up to 92, else month) */
  interval?: "hour" | "day" | "week" | "month";
};

export type GetStatsBreakdownQuery = {
  /** The range, in the website's time zone (default `30d`): today, yesterday, 24h (the last 24 hours), 7d and 30d (ending today), mtd, last_month, 12mo (this month and the 11 before), all */
  period?: "today" | "yesterday" | "24h" | "7d" | "30d" | "mtd" | "last_month" | "12mo" | "all";
  /** Custom range start, a day (YYYY-MM-DD, inclusive, website time zone); replaces `period`. Days from 1970-01-01 to 2099-12-31; the comparison period (as many days just before) must start in them too */
  from?: string;
  /** Custom range end, a day (inclusive; default today, at most 2099-12-31); needs `from` */
  to?: string;
  /** `dimension:op:value`, repeatable, all must hold. op: `is`, `is_not`, `contains` (case-insensitive). `(none)` is the value of a missing field. Dimensions as for `dimension` */
  filter?: string | string[];
  /** Which touch of the buyer revenue is credited to (default `last_touch`) */
  model?: "first_touch" | "last_touch";
  /** Add imported history (daily visitors and pageviews from Plausible, Umami or GA4) on days without Trailmark data; default `false` here, `true` on the dashboard. Left out under filters and in hourly charts */
  imported?: "true" | "false";
  /** What to group by: countries are ISO 3166-1 alpha-2, devices desktop/mobile/tablet, referrer a domain, page a path */
  dimension: "channel" | "referrer" | "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content" | "page" | "entry_page" | "exit_page" | "hostname" | "country" | "region" | "city" | "browser" | "os" | "device" | "goal";
  /** Rows, most visitors first (1-1000) */
  limit?: number;
};

export type GetStatsVitalsQuery = {
  /** The range, in the website's time zone (default `30d`): today, yesterday, 24h (the last 24 hours), 7d and 30d (ending today), mtd, last_month, 12mo (this month and the 11 before), all */
  period?: "today" | "yesterday" | "24h" | "7d" | "30d" | "mtd" | "last_month" | "12mo" | "all";
  /** Custom range start, a day (YYYY-MM-DD, inclusive, website time zone); replaces `period`. Days from 1970-01-01 to 2099-12-31; the comparison period (as many days just before) must start in them too */
  from?: string;
  /** Custom range end, a day (inclusive; default today, at most 2099-12-31); needs `from` */
  to?: string;
  /** `dimension:op:value`, repeatable, all must hold. op: `is`, `is_not`, `contains` (case-insensitive). Dimensions as for /stats/breakdown */
  filter?: string | string[];
  /** Add imported history (daily visitors and pageviews from Plausible, Umami or GA4) on days without Trailmark data; default `false` here, `true` on the dashboard. Left out under filters and in hourly charts */
  imported?: "true" | "false";
  /** Pages, most measured page loads first (1-1000) */
  limit?: number;
};

export type GetVisitorsQuery = {
  /** Start: a day (YYYY-MM-DD, inclusive, website time zone) or an ISO date-time, from 1970-01-01 */
  from?: string;
  /** End: a day (YYYY-MM-DD, inclusive) or an ISO date-time (exclusive), up to 2099-12-31 */
  to?: string;
  /** Only visitors who viewed this path, e.g. `/pricing` */
  page?: string;
  /** Only visitors who completed this goal */
  goal?: string;
  country?: string;
  device?: "desktop" | "mobile" | "tablet";
  utm_campaign?: string;
  /** `true`: only visitors with a payment; `false`: only those without */
  isCustomer?: "true" | "false";
  /** Visitors per page (1-200) */
  limit?: number;
  /** `nextCursor` of the previous page */
  cursor?: string;
};

export type DeleteVisitorsQuery = {
  /** Your user id, as sent to identify: every visitor identified with it */
  userId?: string;
  /** An email sent to identify or used for a payment: every visitor identified with it, and its payments */
  email?: string;
};

export type GetVisitorsVisitorIdParams = {
  /** The visitor id: `trailmark.visitorId()` in the browser, or the `tm_vid` cookie */
  visitorId: string;
};

export type DeleteVisitorsVisitorIdParams = {
  /** The visitor id: `trailmark.visitorId()` in the browser, or the `tm_vid` cookie */
  visitorId: string;
};

export type DeletePaymentsQuery = {
  /** Your id of the payment (e.g. the provider's charge or order id); the key that makes the call idempotent */
  transactionId: string;
};

export type GetExportQuery = {
  /** Start: a day (YYYY-MM-DD, inclusive, website time zone) or an ISO date-time, from 1970-01-01 */
  from: string;
  /** End: a day (YYYY-MM-DD, inclusive) or an ISO date-time (exclusive), up to 2099-12-31 */
  to: string;
  /** Which events to export */
  type?: "all" | "pageviews" | "goals";
};

/** Every operation of /api/v1: what it takes and what it answers. */
export interface Operations {
  /** Headline metrics */
  getStatsOverview: {
    params: {};
    query: GetStatsOverviewQuery;
    body: undefined;
    response: StatsOverview;
  };
  /** Metrics over time */
  getStatsTimeseries: {
    params: {};
    query: GetStatsTimeseriesQuery;
    body: undefined;
    response: StatsTimeseries;
  };
  /** Top values of a dimension */
  getStatsBreakdown: {
    params: {};
    query: GetStatsBreakdownQuery;
    body: undefined;
    response: StatsBreakdown;
  };
  /** Web vitals */
  getStatsVitals: {
    params: {};
    query: GetStatsVitalsQuery;
    body: undefined;
    response: StatsVitals;
  };
  /** List visitors */
  getVisitors: {
    params: {};
    query: GetVisitorsQuery;
    body: undefined;
    response: VisitorList;
  };
  /** Erase a person by user id or email */
  deleteVisitors: {
    params: {};
    query: DeleteVisitorsQuery;
    body: undefined;
    response: undefined;
  };
  /** Get one visitor */
  getVisitorsVisitorId: {
    params: GetVisitorsVisitorIdParams;
    query: {};
    body: undefined;
    response: VisitorResponse;
  };
  /** Erase a visitor */
  deleteVisitorsVisitorId: {
    params: DeleteVisitorsVisitorIdParams;
    query: {};
    body: undefined;
    response: undefined;
  };
  /** Record a goal */
  postGoals: {
    params: {};
    query: {};
    body: GoalRequest;
    response: GoalResponse;
  };
  /** Identify a visitor */
  postIdentify: {
    params: {};
    query: {};
    body: IdentifyRequest;
    response: IdentifyResponse;
  };
  /** Record a payment */
  postPayments: {
    params: {};
    query: {};
    body: PaymentRequest;
    response: PaymentResponse;
  };
  /** Delete a payment */
  deletePayments: {
    params: {};
    query: DeletePaymentsQuery;
    body: undefined;
    response: undefined;
  };
  /** Active visitors */
  getRealtime: {
    params: {};
    query: {};
    body: undefined;
    response: Realtime;
  };
  /** Export raw events as CSV */
  getExport: {
    params: {};
    query: GetExportQuery;
    body: undefined;
    response: string;
  };
  /** This document */
  getOpenapiJson: {
    params: {};
    query: {};
    body: undefined;
    response: unknown;
  };
}

/** How each operation is called: method, path, and the query parameters it reads. */
export const OPERATIONS = {
  getStatsOverview: { method: "GET", path: "/stats/overview", query: ["period", "from", "to", "filter", "model", "imported"], auth: true },
  getStatsTimeseries: { method: "GET", path: "/stats/timeseries", query: ["period", "from", "to", "filter", "model", "imported", "interval"], auth: true },
  getStatsBreakdown: { method: "GET", path: "/stats/breakdown", query: ["period", "from", "to", "filter", "model", "imported", "dimension", "limit"], auth: true },
  getStatsVitals: { method: "GET", path: "/stats/vitals", query: ["period", "from", "to", "filter", "imported", "limit"], auth: true },
  getVisitors: { method: "GET", path: "/visitors", query: ["from", "to", "page", "goal", "country", "device", "utm_campaign", "isCustomer", "limit", "cursor"], auth: true },
  deleteVisitors: { method: "DELETE", path: "/visitors", query: ["userId", "email"], auth: true },
  getVisitorsVisitorId: { method: "GET", path: "/visitors/{visitorId}", query: [], auth: true },
  deleteVisitorsVisitorId: { method: "DELETE", path: "/visitors/{visitorId}", query: [], auth: true },
  postGoals: { method: "POST", path: "/goals", query: [], auth: true },
  postIdentify: { method: "POST", path: "/identify", query: [], auth: true },
  postPayments: { method: "POST", path: "/payments", query: [], auth: true },
  deletePayments: { method: "DELETE", path: "/payments", query: ["transactionId"], auth: true },
  getRealtime: { method: "GET", path: "/realtime", query: [], auth: true },
  getExport: { method: "GET", path: "/export", query: ["from", "to", "type"], auth: true },
  getOpenapiJson: { method: "GET", path: "/openapi.json", query: [], auth: false },
} as const;
