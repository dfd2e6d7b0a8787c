import { Types } from "mongoose";
import { GoalEvent } from "@/models/GoalEvent";
import { PageView } from "@/models/PageView";
import { Payment } from "@/models/Payment";
import { Session } from "@/models/Session";
import { blockPayments } from "@/lib/blocks/payments";
import { blocksSince } from "@/lib/blocks/meta";
import { blockVisits } from "@/lib/blocks/read-visits";
import { RECORD_FIELDS, type VisitRecord } from "@/lib/blocks/record";
import { cached } from "./cache";
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
  /** Session dimensions, labelled ("(none)" when missing). */
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

/** The visits with each visitor's together, which lets a tally count visitors without a set (lib/stats/metrics.ts). */
function byVisitor(visits: Visit[]): Visit[] {
  const groups = new Map<string, Visit[]>();
  for (const v of visits) {
    const g = groups.get(v.visitorId);
    if (g) g.push(v);
    else groups.set(v.visitorId, [v]);
  }
  if (groups.size === visits.length) return visits;
  const out: Visit[] = [];
  for (const g of groups.values()) for (const v of g) out.push(v);
  return out;
}

/** Whether the website's visit blocks hold every visit and payment of the range (lib/blocks). */
export async function blocksCover(websiteId: string, range: Range): Promise<boolean> {
  if (process.env.TRAILMARK_STATS_RAW === "1") return false; // tests and benchmarks compare the two
  const since = await blocksSince(websiteId);
  return !!since && since <= range.start;
}

const SESSION_DIMENSIONS = Object.keys(SESSION_FIELD) as (keyof typeof SESSION_FIELD)[];
// A block's records are cached and never change, so each becomes a Visit once
// and is shared by every query that keeps it whole (no page or goal filter).
const prepared = new WeakMap<VisitRecord, Visit>();

/** The whole visit of a record, every dimension labelled, every path and goal. */
function visitOf(r: VisitRecord, duration: number, bounce: boolean): Visit {
  let v = prepared.get(r);
  if (!v) {
    const values: Visit["values"] = {};
    for (const d of SESSION_DIMENSIONS) values[d] = label(r.fields[SESSION_FIELD[d]]);
    v = { visitorId: r.visitorId, startedAt: new Date(r.startedAt), pageviews: r.pageviews, duration, bounce, values, paths: r.paths.map(label), goals: [...new Set(r.goals.map(label))] };
    prepared.set(r, v);
  }
  return v;
}

/** A Session document read raw, as a visit record with its events' values. */
function recordOf(s: SessionRow, pages: Map<string, string[]> | null, goals: Map<string, string[]> | null): VisitRecord {
  const fields: VisitRecord["fields"] = {};
  for (const f of RECORD_FIELDS) if (typeof s[f] === "string") fields[f] = s[f] as string;
  return {
    sessionId: s.sessionId, visitorId: s.visitorId, startedAt: s.startedAt.getTime(), lastSeenAt: s.startedAt.getTime(), pageviews: s.pageviews ?? 0,
    fields, paths: pages?.get(s.sessionId) ?? [], goals: goals?.get(s.sessionId) ?? [],
  };
}

// A dashboard asks for the overview, the chart and several breakdowns of one
// range and filters at once; from blocks their visits are the same, so they
// share them for a moment (payments are read each time: a payment shows at
// once). Callers must not change what they are given.
const SHARED_VISITS_MS = 2_000;

type Visits = Omit<Selection, "payments"> & { payers: Set<string> | null };

export async function selectVisits(ctx: StatsContext, range: Range, dimension?: Dimension): Promise<Selection> {
  let v: Visits;
  if (await blocksCover(ctx.id, range)) {
    const key = `visits:${ctx.id}:${range.start.getTime()}:${range.end.getTime()}:${JSON.stringify(ctx.filters)}`;
    v = await cached(key, SHARED_VISITS_MS, () => select(ctx, range, true));
  } else v = await select(ctx, range, false, dimension);
  return { visits: v.visits, scope: v.scope, payments: await selectPayments(ctx, range, v.payers) };
}

async function select(ctx: StatsContext, range: Range, fromBlocks: boolean, dimension?: Dimension): Promise<Visits> {
  const websiteId = new Types.ObjectId(ctx.id);
  const sessionFilters = ctx.filters.filter((f) => isSessionDimension(f.dimension));
  const pageFilters = ctx.filters.filter((f) => f.dimension === "page");
  const goalFilters = ctx.filters.filter((f) => f.dimension === "goal");
  const needPages = pageFilters.length > 0 || dimension === "page";
  const needGoals = goalFilters.length > 0 || dimension === "goal";
  const fieldOf = (d: Dimension) => SESSION_FIELD[d as keyof typeof SESSION_FIELD];
  const plainFilters = sessionFilters.filter((f) => !isTouchDimension(f.dimension));
  const touchFilters = sessionFilters.filter((f) => isTouchDimension(f.dimension));
  const eventFiltered = pageFilters.length > 0 || goalFilters.length > 0;

  const visits: Visit[] = [];
  const scope: Visit[] = [];
  const consider = (r: VisitRecord, duration: number, bounce: boolean) => {
    const whole = visitOf(r, duration, bounce);
    const get = (d: Dimension) => whole.values[d];
    if (!matchAll(plainFilters, get)) return;
    let visit = whole;
    if (eventFiltered) {
      const paths = eventPass(pageFilters, whole.paths!);
      const goals = eventPass(goalFilters, whole.goals!);
      if (!paths || !goals) return;
      // Only views of the filtered pages count when a page is asked for.
      visit = { ...whole, paths, goals, pageviews: positive(pageFilters).length ? paths.length : whole.pageviews };
    }
    scope.push(visit);
    if (matchAll(touchFilters, get)) visits.push(visit);
  };

  if (fromBlocks) {
    // Every path and goal of a block's visits is at hand, whatever the dimension. Duration and bounce as ingest sets them on the Session document (lib/ingest/sessionize.ts).
    for (const r of await blockVisits(ctx.id, range.start, range.end)) consider(r, Math.round((r.lastSeenAt - r.startedAt) / 1000), r.pageviews <= 1);
  } else {
    // Equality on a dimension no touch records narrows the read on the store; everything else is tested here.
    const pushed: Record<string, string> = {};
    for (const f of plainFilters) if (f.op === "is" && f.value !== NONE) pushed[fieldOf(f.dimension)] = f.value;
    const projection = Object.fromEntries(["sessionId", "visitorId", "startedAt", "pageviews", "duration", "bounce", ...RECORD_FIELDS].map((k) => [k, 1]));
    const [sessions, pages, goals] = await Promise.all([
      Session.find({ websiteId, startedAt: { $gte: range.start, $lt: range.end }, ...pushed }, { _id: 0, ...projection }).lean<SessionRow[]>(),
      needPages ? eventValues("page", websiteId, range) : null,
      needGoals ? eventValues("goal", websiteId, range) : null,
    ]);
    // Fresh records each time: nothing to share, so nothing kept.
    for (const s of sessions) {
      const r = recordOf(s, pages, goals);
      consider(r, s.duration ?? 0, s.bounce ?? true);
      prepared.delete(r);
    }
  }
  const needsScope = ctx.filters.some((f) => !isTouchDimension(f.dimension));
  return { visits: byVisitor(visits), scope: byVisitor(scope), payers: needsScope ? new Set(scope.map((v) => v.visitorId)) : null };
}

type PaymentDocRow = { visitorId?: string; amount: number; refundedAmount?: number; currency: string; timestamp: Date; firstTouch?: Record<string, unknown>; lastTouch?: Record<string, unknown> };

/** Payments in the range credited under the filters; `payers`: the payer scope, null when no filter needs one. */
export async function selectPayments(ctx: StatsContext, range: Range, payers: Set<string> | null): Promise<PaymentRow[]> {
  const touchKey = ctx.model === "first_touch" ? "firstTouch" : "lastTouch";
  const docs = (await blocksCover(ctx.id, range))
    ? await blockPayments(ctx.id, range.start, range.end)
    : await Payment.find(
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
