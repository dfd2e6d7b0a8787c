import { Types } from "mongoose";
import { GoalEvent } from "@/models/GoalEvent";
import { PageView } from "@/models/PageView";
import { Payment } from "@/models/Payment";
import { Session } from "@/models/Session";
import type { StatsContext } from "./context";
import { isSessionDimension, isTouchDimension, label, NONE, SESSION_FIELD, TOUCH_FIELD, type Dimension, type TouchDimension } from "./dimensions";
import { matchAll, matches, type Filter } from "./filters";
import type { Range } from "./period";

/**
 * The raw-event selection every query starts from. A visit (session) counts in
 * the range it started in. Filter semantics, the same for every metric:
 * - session dimensions test the session's field;
 * - `page` / `goal` with is/contains keep sessions with a pageview / goal event
 *   matching all such filters (and then pageviews count only the matching
 *   views); is_not keeps sessions without any such view or event;
 * - a payment (in the range, by its timestamp) must match the filters on
 *   dimensions its touch records (TOUCH_FIELD) on that touch, and when there
 *   are filters on other dimensions, its payer must have a visit in the range
 *   matching those (the payer scope).
 * With these rules a breakdown row equals the overview filtered by `row is value`.
 */

export type Visit = {
  visitorId: string;
  startedAt: Date;
  pageviews: number;
  duration: number;
  bounce: boolean;
  /** Session dimensions asked for, labelled ("(none)" when missing). */
  values: Partial<Record<Dimension, string>>;
  /** Paths viewed (matching the positive page filters), when pageviews were read. */
  paths?: string[];
  /** Goal names completed (matching the positive goal filters), when goal events were read. */
  goals?: string[];
};
export type PaymentRow = { visitorId?: string; net: number; currency: string; timestamp: Date; touch: Record<TouchDimension, string> };
export type Selection = {
  /** Visits passing every filter. */
  visits: Visit[];
  /** Visits passing the filters a payment's touch cannot answer: whose payments may count. */
  scope: Visit[];
  /** Payments matching the filters, not fully refunded. */
  payments: PaymentRow[];
};

// Sessions may run past the end of their range: their events are read this much further.
const EVENT_SLACK_MS = 24 * 3_600_000;

type SessionRow = { sessionId: string; visitorId: string; startedAt: Date; pageviews?: number; duration?: number; bounce?: boolean } & Record<string, unknown>;

const positive = (fs: Filter[]) => fs.filter((f) => f.op !== "is_not");
const negative = (fs: Filter[]) => fs.filter((f) => f.op === "is_not");

/** Values (paths or goal names) of each session's events; only what the filters and the breakdown need is read. */
async function eventValues(model: "page" | "goal", websiteId: Types.ObjectId, range: Range): Promise<Map<string, string[]>> {
  const time = { $gte: range.start, $lt: new Date(range.end.getTime() + EVENT_SLACK_MS) };
  const rows =
    model === "page"
      ? (await PageView.find({ websiteId, timestamp: time }, { _id: 0, sessionId: 1, path: 1 }).lean<{ sessionId?: string; path?: string }[]>()).map((r) => [r.sessionId, r.path] as const)
      : (await GoalEvent.find({ websiteId, timestamp: time }, { _id: 0, sessionId: 1, name: 1 }).lean<{ sessionId?: string; name?: string }[]>()).map((r) => [r.sessionId, r.name] as const);
  const out = new Map<string, string[]>();
  for (const [sessionId, value] of rows) {
    if (!sessionId) continue; // a payment marker or an API goal without a visit
    const list = out.get(sessionId);
    if (list) list.push(label(value));
    else out.set(sessionId, [label(value)]);
  }
  return out;
}

/** Applies the event filters of one kind: undefined when the session fails them, else the matching values. */
function eventPass(filters: Filter[], values: string[]): string[] | undefined {
  const pos = positive(filters);
  const hits = values.filter((v) => pos.every((f) => matches(f, v)));
  if (pos.length && !hits.length) return undefined;
  if (!negative(filters).every((f) => values.every((v) => matches(f, v)))) return undefined;
  return hits;
}

export async function selectVisits(ctx: StatsContext, range: Range, dimension?: Dimension): Promise<Selection> {
  const websiteId = new Types.ObjectId(ctx.id);
  const sessionFilters = ctx.filters.filter((f) => isSessionDimension(f.dimension));
  const pageFilters = ctx.filters.filter((f) => f.dimension === "page");
  const goalFilters = ctx.filters.filter((f) => f.dimension === "goal");
  const dims = new Set<Dimension>([...sessionFilters.map((f) => f.dimension), ...(dimension && isSessionDimension(dimension) ? [dimension] : [])]);
  const fields = [...dims].map((d) => SESSION_FIELD[d as keyof typeof SESSION_FIELD]);

  // Equality on a dimension no touch records narrows the read on the store; everything else is tested here.
  const pushed: Record<string, string> = {};
  for (const f of sessionFilters) if (f.op === "is" && f.value !== NONE && !isTouchDimension(f.dimension)) pushed[SESSION_FIELD[f.dimension as keyof typeof SESSION_FIELD]] = f.value;

  const projection = Object.fromEntries(["sessionId", "visitorId", "startedAt", "pageviews", "duration", "bounce", ...fields].map((k) => [k, 1]));
  const [sessions, pages, goals] = await Promise.all([
    Session.find({ websiteId, startedAt: { $gte: range.start, $lt: range.end }, ...pushed }, { _id: 0, ...projection }).lean<SessionRow[]>(),
    pageFilters.length || dimension === "page" ? eventValues("page", websiteId, range) : null,
    goalFilters.length || dimension === "goal" ? eventValues("goal", websiteId, range) : null,
  ]);

  const visits: Visit[] = [];
  const scope: Visit[] = [];
  for (const s of sessions) {
    const values: Visit["values"] = {};
    for (const d of dims) values[d] = label(s[SESSION_FIELD[d as keyof typeof SESSION_FIELD]]);
    const get = (d: Dimension) => values[d];
    if (!matchAll(sessionFilters.filter((f) => !isTouchDimension(f.dimension)), get)) continue;
    const paths = pages ? eventPass(pageFilters, pages.get(s.sessionId) ?? []) : undefined;
    const goalNames = goals ? eventPass(goalFilters, goals.get(s.sessionId) ?? []) : undefined;
    if ((pages && !paths) || (goals && !goalNames)) continue;
    const visit: Visit = {
      visitorId: s.visitorId,
      startedAt: s.startedAt,
      // Only views of the filtered pages count when a page is asked for.
      pageviews: positive(pageFilters).length ? paths!.length : (s.pageviews ?? 0),
      duration: s.duration ?? 0,
      bounce: s.bounce ?? true,
      values,
      paths,
      goals: goalNames && [...new Set(goalNames)],
    };
    scope.push(visit);
    if (matchAll(sessionFilters.filter((f) => isTouchDimension(f.dimension)), get)) visits.push(visit);
  }
  const needsScope = ctx.filters.some((f) => !isTouchDimension(f.dimension));
  const payments = await selectPayments(ctx, range, needsScope ? new Set(scope.map((v) => v.visitorId)) : null);
  return { visits, scope, payments };
}

type PaymentDocRow = { visitorId?: string; amount: number; refundedAmount?: number; currency: string; timestamp: Date; firstTouch?: Record<string, unknown>; lastTouch?: Record<string, unknown> };

/** Payments in the range credited under the filters; `payers`: the payer scope, null when no filter needs one. */
export async function selectPayments(ctx: StatsContext, range: Range, payers: Set<string> | null): Promise<PaymentRow[]> {
  const touchKey = ctx.model === "first_touch" ? "firstTouch" : "lastTouch";
  const docs = await Payment.find(
    { websiteId: new Types.ObjectId(ctx.id), timestamp: { $gte: range.start, $lt: range.end } },
    { _id: 0, visitorId: 1, amount: 1, refundedAmount: 1, currency: 1, timestamp: 1, [touchKey]: 1 },
  ).lean<PaymentDocRow[]>();
  const touchFilters = ctx.filters.filter((f) => isTouchDimension(f.dimension));
  const out: PaymentRow[] = [];
  for (const p of docs) {
    const net = p.amount - (p.refundedAmount ?? 0);
    if (net <= 0) continue; // fully refunded: neither revenue nor a conversion
    const t = p[touchKey] ?? {};
    const touch = Object.fromEntries(Object.entries(TOUCH_FIELD).map(([d, field]) => [d, label(t[field])])) as Record<TouchDimension, string>;
    if (!matchAll(touchFilters, (d) => touch[d as TouchDimension])) continue;
    if (payers && !(p.visitorId && payers.has(p.visitorId))) continue;
    out.push({ visitorId: p.visitorId, net, currency: p.currency, timestamp: p.timestamp, touch });
  }
  return out;
}
