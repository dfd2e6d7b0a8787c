import { Types } from "mongoose";
import { GoalEvent } from "@/models/GoalEvent";
import { PageView } from "@/models/PageView";
import { Payment } from "@/models/Payment";
import { Session } from "@/models/Session";
import { blockPayments } from "@/lib/blocks/payments";
import { blocksSince } from "@/lib/blocks/meta";
import { blockDays } from "@/lib/blocks/read-visits";
import { RECORD_FIELDS, type VisitRecord } from "@/lib/blocks/record";
import { buildColumns } from "./columns";
import { groupByVisitor, type GroupedColumns } from "./group-visits";
import type { StatsContext } from "./context";
import { blockColumns, rangeKey } from "./day-columns";
import { Shared } from "./shared";
import { isSessionDimension, isTouchDimension, label, NONE, SESSION_FIELD, TOUCH_FIELD, type Dimension, type SessionDimension, type TouchDimension } from "./dimensions";
import { matchAll, matches, type Filter } from "./filters";
import { SESSION_DIMENSIONS, siteDict, type Interner, type SiteDict } from "./interner";
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

/**
 * One payment as the stats see it; `visitor` is its payer's number in the
 * site's dictionary (given even without visits), -1 when the payment names no
 * visitor; `time` its timestamp in ms.
 */
export type PaymentRow = {
  visitorId?: string;
  visitor: number;
  net: number;
  currency: string;
  time: number;
  touch: Record<TouchDimension, string>;
};

/**
 * The visits of a range as columns grouped by visitor (lib/stats/group-visits.ts)
 * and which of them each metric counts. Index lists are increasing, so they
 * hold each visitor's visits together too, which lets a tally count visitors
 * without a set (lib/stats/metrics.ts).
 */
export type Selection = {
  cols: GroupedColumns;
  dict: SiteDict;
  /** Visits passing every filter. */
  visits: Int32Array;
  /** Visits passing the filters a payment's touch cannot answer: whose payments may count. */
  scope: Int32Array;
  /** The pageviews a visit counts: only views of the filtered pages when a page filter asks for some. */
  pageviews: Int32Array;
  /** The paths and goals a visit's rows count (those matching the positive page / goal filters), by number; null: all. */
  pathOk: Uint8Array | null;
  goalOk: Uint8Array | null;
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

/** Whether the website's visit blocks hold every visit and payment of the range (lib/blocks). */
export async function blocksCover(websiteId: string, range: Range): Promise<boolean> {
  if (process.env.TRAILMARK_STATS_RAW === "1") return false; // tests and benchmarks compare the two
  const since = await blocksSince(websiteId);
  return !!since && since <= range.start;
}

/** The visits of the range read from raw Session documents and their events, as columns. */
async function rawColumns(websiteId: Types.ObjectId, range: Range, filters: Filter[], dict: SiteDict, dimension?: Dimension): Promise<GroupedColumns> {
  const plain = filters.filter((f) => isSessionDimension(f.dimension) && !isTouchDimension(f.dimension));
  // Equality on a dimension no touch records narrows the read on the store; everything else is tested on the columns.
  const pushed: Record<string, string> = {};
  for (const f of plain) if (f.op === "is" && f.value !== NONE) pushed[SESSION_FIELD[f.dimension as SessionDimension]] = f.value;
  const projection = Object.fromEntries(["sessionId", "visitorId", "startedAt", "pageviews", "duration", "bounce", ...RECORD_FIELDS].map((k) => [k, 1]));
  const [sessions, pages, goals] = await Promise.all([
    Session.find({ websiteId, startedAt: { $gte: range.start, $lt: range.end }, ...pushed }, { _id: 0, ...projection }).lean<SessionRow[]>(),
    filters.some((f) => f.dimension === "page") || dimension === "page" ? eventValues("page", websiteId, range) : null,
    filters.some((f) => f.dimension === "goal") || dimension === "goal" ? eventValues("goal", websiteId, range) : null,
  ]);
  const cols = buildColumns(
    sessions.map((s) => {
      const fields: VisitRecord["fields"] = {};
      for (const f of RECORD_FIELDS) if (typeof s[f] === "string") fields[f] = s[f] as string;
      const t = s.startedAt.getTime();
      const record = { sessionId: s.sessionId, visitorId: s.visitorId, startedAt: t, lastSeenAt: t, pageviews: s.pageviews ?? 0, fields, paths: pages?.get(s.sessionId) ?? [], goals: goals?.get(s.sessionId) ?? [] };
      return { record, duration: s.duration ?? 0, bounce: s.bounce ?? true };
    }),
    dict,
  );
  return groupByVisitor(cols, dict.visitors.size);
}

/** Per value number: whether the labelled value passes every filter. */
function table(values: Interner, filters: Filter[]): Uint8Array {
  const ok = new Uint8Array(values.size);
  values.values.forEach((v, id) => (ok[id] = filters.every((f) => matches(f, v)) ? 1 : 0));
  return ok;
}

/** The dimension filters as (column, table) pairs, one per filtered dimension. */
function dimensionTests(dict: SiteDict, filters: Filter[]): [number, Uint8Array][] {
  const byDim = new Map<number, Filter[]>();
  for (const f of filters) {
    const k = SESSION_DIMENSIONS.indexOf(f.dimension as SessionDimension);
    byDim.set(k, [...(byDim.get(k) ?? []), f]);
  }
  return [...byDim].map(([k, fs]) => [k, table(dict.dims[k], fs)]);
}

/**
 * Event filters of one kind as tables: `hit`, values matching every positive
 * filter (null: no positive filter, all count); `bad`, values failing a
 * negative one (null: none). A visit passes with a hit (when asked) and no bad value.
 */
function eventTests(values: Interner, filters: Filter[]) {
  const pos = positive(filters);
  const neg = negative(filters);
  const bad = neg.length ? table(values, neg).map((ok) => 1 - ok) : null;
  return { hit: pos.length ? table(values, pos) : null, bad, active: filters.length > 0 };
}

/** How many of a visit's values hit, or -1 when the visit fails the tests. */
function eventHits(tests: ReturnType<typeof eventTests>, ids: Int32Array, from: number, to: number): number {
  let hits = 0;
  for (let j = from; j < to; j++) {
    const id = ids[j];
    if (tests.bad && tests.bad[id]) return -1;
    if (!tests.hit || tests.hit[id]) hits++;
  }
  return tests.hit && hits === 0 ? -1 : hits;
}

/**
 * A selection before its payments; `inScope`: the payer scope by visitor
 * number (null when no filter needs one); `credited`: the payments that
 * count, per payments array, kept with the selection so that what is worked
 * out from them (lib/stats/metrics.ts) is kept too.
 */
type Visits = Omit<Selection, "payments"> & { inScope: Uint8Array | null; credited: WeakMap<PaymentRow[], PaymentRow[]> };

/** Applies the filters to the columns. */
function filterVisits(cols: GroupedColumns, dict: SiteDict, filters: Filter[]): Visits {
  const session = filters.filter((f) => isSessionDimension(f.dimension));
  const plain = dimensionTests(dict, session.filter((f) => !isTouchDimension(f.dimension)));
  const touch = dimensionTests(dict, session.filter((f) => isTouchDimension(f.dimension)));
  const pages = eventTests(dict.paths, filters.filter((f) => f.dimension === "page"));
  const goals = eventTests(dict.goals, filters.filter((f) => f.dimension === "goal"));
  // Only views of the filtered pages count when a page is asked for.
  const pageviews = pages.hit ? new Int32Array(cols.n) : cols.pageviews;
  const visits = new Int32Array(cols.n);
  const scope = new Int32Array(cols.n);
  let nv = 0;
  let ns = 0;
  const pass = (tests: [number, Uint8Array][], i: number) => tests.every(([k, ok]) => ok[cols.dims[k][i]] === 1);
  for (let i = 0; i < cols.n; i++) {
    if (plain.length && !pass(plain, i)) continue;
    if (pages.active) {
      const hits = eventHits(pages, cols.path, cols.pathStart[i], cols.pathStart[i + 1]);
      if (hits < 0) continue;
      if (pages.hit) pageviews[i] = hits;
    }
    if (goals.active && eventHits(goals, cols.goal, cols.goalStart[i], cols.goalStart[i + 1]) < 0) continue;
    scope[ns++] = i;
    if (!touch.length || pass(touch, i)) visits[nv++] = i;
  }
  const size = dict.visitors.size;
  const inScope = filters.some((f) => !isTouchDimension(f.dimension)) ? new Uint8Array(size) : null;
  if (inScope) for (let j = 0; j < ns; j++) inScope[cols.visitor[scope[j]]] = 1;
  // Without touch filters the scope is the same visits.
  const kept = visits.slice(0, nv);
  return { cols, dict, pageviews, pathOk: pages.hit, goalOk: goals.hit, inScope, credited: new WeakMap(), visits: kept, scope: ns === nv ? kept : scope.slice(0, ns) };
}

// A dashboard asks for the overview, the chart and several breakdowns of one
// range and filters at once: from blocks their visits are the same, so they
// are selected once, and kept while no part of the range's days changes
// (payments are read each time: a payment shows at once). Callers must not
// change what they are given. Weighed by the index lists a selection adds to
// its range's columns.
const selections = new Shared<Visits>(Number(process.env.TRAILMARK_SELECTION_CACHE_VISITS ?? 4_000_000), (v) => v.visits.length + v.scope.length);

async function blockSelection(ctx: StatsContext, range: Range, dict: SiteDict): Promise<Visits> {
  // A compaction may fold parts between listing a day's parts and reading them: list again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const days = await blockDays(ctx.id, range.start, range.end);
    const key = `${ctx.id}:${rangeKey(days, range.start, range.end)}:${JSON.stringify(ctx.filters)}`;
    const v = await selections.get(key, async () => {
      const cols = await blockColumns(ctx.id, days, range.start, range.end);
      return cols && filterVisits(cols, dict, ctx.filters);
    });
    if (v) return v;
  }
  throw new Error("visit blocks kept changing while being read");
}

export async function selectVisits(ctx: StatsContext, range: Range, dimension?: Dimension): Promise<Selection> {
  const dict = siteDict(ctx.id);
  const v = (await blocksCover(ctx.id, range))
    ? await blockSelection(ctx, range, dict)
    : filterVisits(await rawColumns(new Types.ObjectId(ctx.id), range, ctx.filters, dict, dimension), dict, ctx.filters);
  const { inScope, credited, ...visits } = v;
  return { ...visits, payments: await selectPayments(ctx, range, dict, v) };
}

type PaymentDocRow = { visitorId?: string; amount: number; refundedAmount?: number; currency: string; timestamp: Date; firstTouch?: Record<string, unknown>; lastTouch?: Record<string, unknown> };

const TOUCH_DIMENSIONS = Object.keys(TOUCH_FIELD) as TouchDimension[];

// Payments read from blocks come as the same array while nothing changed
// (lib/blocks/payments.ts), so they are labelled once per array and model.
const preparedPayments = new WeakMap<PaymentDocRow[], Map<string, PaymentRow[]>>();

/** The payments with net revenue, their touch under the model labelled, and their payer's number. */
function prepare(docs: PaymentDocRow[], touchKey: "firstTouch" | "lastTouch", dict: SiteDict): PaymentRow[] {
  let byModel = preparedPayments.get(docs);
  if (!byModel) preparedPayments.set(docs, (byModel = new Map()));
  let rows = byModel.get(touchKey);
  if (!rows) {
    rows = [];
    for (const p of docs) {
      const net = p.amount - (p.refundedAmount ?? 0);
      if (net <= 0) continue; // fully refunded: neither revenue nor a conversion
      const t = p[touchKey] ?? {};
      const touch = {} as Record<TouchDimension, string>;
      for (const d of TOUCH_DIMENSIONS) touch[d] = label(t[TOUCH_FIELD[d]]);
      // Payers are numbered here, with or without visits: a number never changes, so
      // nothing is looked up again when visits are numbered later (on a live
      // site that is every few seconds, for ~40,000 renewals a month).
      rows.push({ visitorId: p.visitorId, visitor: p.visitorId ? dict.visitors.id(p.visitorId) : -1, net, currency: p.currency, time: p.timestamp.getTime(), touch });
    }
    byModel.set(touchKey, rows);
  }
  return rows;
}

/** Payments in the range credited under the filters. */
async function selectPayments(ctx: StatsContext, range: Range, dict: SiteDict, { inScope, credited }: Visits): Promise<PaymentRow[]> {
  const touchKey = ctx.model === "first_touch" ? "firstTouch" : "lastTouch";
  const docs = (await blocksCover(ctx.id, range))
    ? await blockPayments(ctx.id, range.start, range.end)
    : await Payment.find(
        { websiteId: new Types.ObjectId(ctx.id), timestamp: { $gte: range.start, $lt: range.end } },
        { _id: 0, visitorId: 1, amount: 1, refundedAmount: 1, currency: 1, timestamp: 1, [touchKey]: 1 },
      ).lean<PaymentDocRow[]>();
  const rows = prepare(docs, touchKey, dict);
  const touchFilters = ctx.filters.filter((f) => isTouchDimension(f.dimension));
  if (!touchFilters.length && !inScope) return rows;
  let out = credited.get(rows);
  if (!out) {
    out = rows.filter((p) => matchAll(touchFilters, (d) => p.touch[d as TouchDimension]) && (!inScope || (p.visitor >= 0 && inScope[p.visitor] === 1)));
    credited.set(rows, out);
  }
  return out;
}
