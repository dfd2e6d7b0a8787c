// The stats rules recounted the slow, plain way from the raw documents
// (Session, PageView, GoalEvent, Payment): the judge the engine's SQL must
// agree with. Written from the rules as lib/stats/selection.ts states them,
// with none of its code.
import { Types } from "mongoose";
import type { BreakdownRow, Overview, Timeseries } from "@/lib/schemas/stats";
import { bucketStarts, localIso } from "@/lib/stats/buckets";
import { dayKeyFormatter } from "@/lib/stats/day-key";
import type { MrrMonth } from "@/lib/stats/get-mrr";
import type { RevenueSummary } from "@/lib/stats/get-revenue-summary";
import type { StatsContext } from "@/lib/stats/context";
import { isTouchDimension, label, SESSION_FIELD, TOUCH_FIELD, UNATTRIBUTED, type Dimension } from "@/lib/stats/dimensions";
import { matches, type Filter } from "@/lib/stats/filters";
import type { Range } from "@/lib/stats/period";
import { GoalEvent, PageView, Payment, Session } from "@/models";

type Visit = { sessionId: string; visitorId: string; startedAt: number; pageviews: number; duration: number; bounce: boolean; fields: Record<string, unknown>; paths: string[]; goals: string[] };
type Pay = {
  id: string; visitorId?: string; customerId?: string; amount: number; refunded: number; net: number; renewal: boolean; currency: string; at: number;
  first: Record<string, unknown>; last: Record<string, unknown>;
};
export type RawData = { visits: Visit[]; payments: Pay[] };

/** Every raw document of one website. */
export async function readRaw(websiteId: string): Promise<RawData> {
  const wid = new Types.ObjectId(websiteId);
  const [sessions, pageviews, goals, payments] = await Promise.all([
    Session.find({ websiteId: wid }).lean(),
    PageView.find({ websiteId: wid }, { sessionId: 1, path: 1 }).lean(),
    GoalEvent.find({ websiteId: wid }, { sessionId: 1, name: 1 }).lean(),
    Payment.find({ websiteId: wid }).lean(),
  ]);
  const group = (docs: { sessionId?: string | null }[], value: (d: never) => string) => {
    const out = new Map<string, string[]>();
    for (const d of docs) if (d.sessionId) out.set(d.sessionId, [...(out.get(d.sessionId) ?? []), label(value(d as never))]);
    return out;
  };
  const pathsOf = group(pageviews, (d: { path: string }) => d.path);
  const goalsOf = group(goals, (d: { name: string }) => d.name);
  return {
    visits: sessions.map((s) => ({
      sessionId: s.sessionId, visitorId: s.visitorId, startedAt: s.startedAt.getTime(), pageviews: s.pageviews ?? 0, duration: s.duration ?? 0, bounce: s.bounce ?? true,
      fields: s as unknown as Record<string, unknown>, paths: pathsOf.get(s.sessionId) ?? [], goals: goalsOf.get(s.sessionId) ?? [],
    })),
    payments: payments.map((p) => ({
      id: String(p._id), visitorId: p.visitorId ?? undefined, customerId: p.customerId ?? undefined, amount: p.amount, refunded: p.refundedAmount ?? 0,
      renewal: !!p.renewal, net: p.amount - (p.refundedAmount ?? 0), currency: p.currency, at: p.timestamp.getTime(),
      first: (p.firstTouch ?? {}) as Record<string, unknown>, last: (p.lastTouch ?? {}) as Record<string, unknown>,
    })),
  };
}

const inRange = (t: number, r: Range) => t >= r.start.getTime() && t < r.end.getTime();
const sessionValue = (v: Visit, d: Dimension) => label(v.fields[SESSION_FIELD[d as keyof typeof SESSION_FIELD]]);

/** A payment's touch value on a dimension; a payment matched to no visitor is "(unattributed)". */
const touchValue = (p: Pay, touch: Record<string, unknown>, d: Dimension) => (p.visitorId ? label(touch[TOUCH_FIELD[d as keyof typeof TOUCH_FIELD]]) : UNATTRIBUTED);

type Selected = { visit: Visit; counted: number; paths: string[]; goals: string[] };
type Selection = { visits: Selected[]; scope: Selected[]; payments: Pay[]; paid: Pay[] };

function select(raw: RawData, ctx: StatsContext, range: Range): Selection {
  const touchOf = (p: Pay) => (ctx.model === "first_touch" ? p.first : p.last);
  const byDim = (pred: (f: Filter) => boolean) => ctx.filters.filter(pred);
  const pagePos = byDim((f) => f.dimension === "page" && f.op !== "is_not");
  const pageNeg = byDim((f) => f.dimension === "page" && f.op === "is_not");
  const goalPos = byDim((f) => f.dimension === "goal" && f.op !== "is_not");
  const goalNeg = byDim((f) => f.dimension === "goal" && f.op === "is_not");
  const plain = byDim((f) => f.dimension in SESSION_FIELD && !isTouchDimension(f.dimension));
  const touch = byDim((f) => isTouchDimension(f.dimension));
  const scope: Selected[] = [];
  const visits: Selected[] = [];
  for (const v of raw.visits) {
    if (!inRange(v.startedAt, range)) continue;
    if (!plain.every((f) => matches(f, sessionValue(v, f.dimension)))) continue;
    const pageHits = v.paths.filter((p) => pagePos.every((f) => matches(f, p)));
    if (pagePos.length && !pageHits.length) continue;
    if (v.paths.some((p) => !pageNeg.every((f) => matches(f, p)))) continue;
    const goalHits = v.goals.filter((g) => goalPos.every((f) => matches(f, g)));
    if (goalPos.length && !goalHits.length) continue;
    if (v.goals.some((g) => !goalNeg.every((f) => matches(f, g)))) continue;
    const s = { visit: v, counted: pagePos.length ? pageHits.length : v.pageviews, paths: pageHits, goals: goalHits };
    scope.push(s);
    if (touch.every((f) => matches(f, sessionValue(v, f.dimension)))) visits.push(s);
  }
  const scoped = ctx.filters.some((f) => !isTouchDimension(f.dimension));
  const scopeVisitors = new Set(scope.map((s) => s.visit.visitorId));
  const paid = raw.payments.filter(
    (p) => inRange(p.at, range) && touch.every((f) => matches(f, touchValue(p, touchOf(p), f.dimension))) && (!scoped || (!!p.visitorId && scopeVisitors.has(p.visitorId))),
  );
  return { visits, scope, payments: paid.filter((p) => p.net > 0), paid };
}

export function recountOverview(raw: RawData, ctx: StatsContext, range = ctx.period.range): Overview {
  const { visits, payments } = select(raw, ctx, range);
  const visitors = new Set(visits.map((s) => s.visit.visitorId));
  const payers = new Set(payments.flatMap((p) => (p.visitorId && visitors.has(p.visitorId) ? [p.visitorId] : [])));
  const sessions = visits.length;
  const revenue = payments.filter((p) => p.currency === ctx.currency).reduce((n, p) => n + p.net, 0);
  return {
    visitors: visitors.size, sessions, pageviews: visits.reduce((n, s) => n + s.counted, 0),
    bounceRate: sessions ? visits.filter((s) => s.visit.bounce).length / sessions : 0,
    avgSessionDuration: sessions ? Math.round(visits.reduce((n, s) => n + s.visit.duration, 0) / sessions) : 0,
    revenue, payments: payments.length, conversionRate: visitors.size ? payers.size / visitors.size : 0,
    revenuePerVisitor: visitors.size ? Math.round(revenue / visitors.size) : 0, currency: ctx.currency,
  };
}

export function recountTimeseries(raw: RawData, ctx: StatsContext, range = ctx.period.range): Timeseries {
  const { visits, payments } = select(raw, ctx, range);
  const starts = bucketStarts(range, ctx.period.interval, ctx.timezone).map((d) => d.getTime());
  const bucket = (t: number) => starts.findLastIndex((s) => s <= t);
  return {
    interval: ctx.period.interval,
    points: starts.map((s, b) => {
      const mine = visits.filter((v) => bucket(v.visit.startedAt) === b);
      return {
        time: localIso(new Date(s), ctx.timezone),
        visitors: new Set(mine.map((v) => v.visit.visitorId)).size,
        pageviews: mine.reduce((n, v) => n + v.counted, 0),
        revenue: payments.filter((p) => p.currency === ctx.currency && bucket(p.at) === b).reduce((n, p) => n + p.net, 0),
      };
    }),
  };
}

/** The rows a visit belongs to under a dimension, each with the pageviews it adds there: only the hits of positive page / goal filters make page / goal rows. */
function rowsOf(s: Selected, d: Dimension): [string, number][] {
  if (d === "page") return s.paths.map((p) => [p, 1]);
  if (d === "goal") return [...new Set(s.goals)].map((g) => [g, s.counted]);
  return [[sessionValue(s.visit, d), s.counted]];
}

export function recountBreakdown(raw: RawData, ctx: StatsContext, d: Dimension, range = ctx.period.range): BreakdownRow[] {
  const { visits, scope, payments } = select(raw, ctx, range);
  const touchOf = (p: Pay) => (ctx.model === "first_touch" ? p.first : p.last);
  const rows = new Map<string, { visitors: Set<string>; pageviews: number; converted: Set<string>; revenue: number; payments: number }>();
  const row = (value: string) => rows.get(value) ?? rows.set(value, { visitors: new Set(), pageviews: 0, converted: new Set(), revenue: 0, payments: 0 }).get(value)!;
  const paid = new Map<string, Pay[]>();
  for (const p of payments) if (p.visitorId) paid.set(p.visitorId, [...(paid.get(p.visitorId) ?? []), p]);
  for (const s of visits) {
    for (const [value, views] of rowsOf(s, d)) {
      const r = row(value);
      r.visitors.add(s.visit.visitorId);
      r.pageviews += views;
      const own = paid.get(s.visit.visitorId) ?? [];
      const converted = isTouchDimension(d) ? own.some((p) => touchValue(p, touchOf(p), d) === value) : own.length > 0;
      if (converted) r.converted.add(s.visit.visitorId);
    }
  }
  if (isTouchDimension(d)) {
    for (const p of payments) {
      const r = row(touchValue(p, touchOf(p), d));
      r.payments++;
      if (p.currency === ctx.currency) r.revenue += p.net;
    }
  } else {
    const touchFiltered = ctx.filters.some((f) => isTouchDimension(f.dimension));
    const spread = new Set<string>();
    for (const s of touchFiltered ? scope : visits) for (const [value] of rowsOf(s, d)) if (paid.has(s.visit.visitorId)) spread.add(`${value}\0${s.visit.visitorId}`);
    for (const key of spread) {
      const [value, visitorId] = key.split("\0");
      const r = row(value);
      for (const p of paid.get(visitorId)!) {
        r.payments++;
        if (p.currency === ctx.currency) r.revenue += p.net;
      }
    }
  }
  const collator = new Intl.Collator();
  return [...rows]
    .map(([value, r]) => ({ value, visitors: r.visitors.size, pageviews: r.pageviews, revenue: r.revenue, payments: r.payments, conversionRate: r.visitors.size ? r.converted.size / r.visitors.size : 0 }))
    .filter((r) => r.visitors > 0 || r.payments > 0)
    .sort((a, b) => b.visitors - a.visitors || b.revenue - a.revenue || b.pageviews - a.pageviews || collator.compare(a.value, b.value));
}

/** Who paid: the provider's customer, else the visitor, else the payment itself. */
const customerOf = (p: Pay) => (p.customerId ? `c:${p.customerId}` : p.visitorId ? `v:${p.visitorId}` : `p:${p.id}`);

export function recountRevenueSummary(raw: RawData, ctx: StatsContext, range = ctx.period.range): RevenueSummary {
  const { paid } = select(raw, ctx, range);
  const mine = paid.filter((p) => p.currency === ctx.currency);
  const sum = (ps: Pay[], f: (p: Pay) => number) => ps.reduce((n, p) => n + f(p), 0);
  const customers = new Set(paid.filter((p) => p.net > 0).map(customerOf));
  const lifetime = sum(raw.payments.filter((p) => p.currency === ctx.currency && p.at < range.end.getTime() && customers.has(customerOf(p))), (p) => p.net);
  const net = sum(mine, (p) => p.net);
  return {
    currency: ctx.currency, gross: sum(mine, (p) => p.amount), refunds: sum(mine, (p) => p.refunded), net,
    newRevenue: sum(mine.filter((p) => !p.renewal), (p) => p.net), renewalRevenue: sum(mine.filter((p) => p.renewal), (p) => p.net),
    payments: paid.filter((p) => p.net > 0).length, refundedPayments: paid.filter((p) => p.refunded > 0).length, customers: customers.size,
    revenuePerCustomer: customers.size ? Math.round(net / customers.size) : 0, ltv: customers.size ? Math.round(lifetime / customers.size) : 0,
  };
}

/** MRR by local month: subscribers are customers with a renewal; each month compared with the one before, per subscriber. */
export function recountMrr(raw: RawData, ctx: StatsContext, months: string[]): MrrMonth[] {
  const monthOf = (t: number) => dayKeyFormatter(ctx.timezone)(new Date(t)).slice(0, 7);
  const subscribers = new Set(raw.payments.filter((p) => p.renewal && p.net > 0).map(customerOf));
  const amounts = new Map<string, Map<string, number>>();
  for (const p of raw.payments) {
    if (p.currency !== ctx.currency || !subscribers.has(customerOf(p))) continue;
    const m = amounts.get(monthOf(p.at)) ?? amounts.set(monthOf(p.at), new Map()).get(monthOf(p.at))!;
    m.set(customerOf(p), (m.get(customerOf(p)) ?? 0) + p.net);
  }
  const before = (m: string) => {
    const d = new Date(`${m}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - 1);
    return d.toISOString().slice(0, 7);
  };
  const positive = (m: Map<string, number> | undefined) => new Map([...(m ?? [])].filter(([, v]) => v > 0));
  return months.map((month) => {
    const cur = positive(amounts.get(month));
    const prev = positive(amounts.get(before(month)));
    const out = { month, mrr: 0, subscribers: cur.size, newMrr: 0, expansion: 0, contraction: 0, churn: 0 };
    for (const [who, v] of cur) {
      out.mrr += v;
      const was = prev.get(who) ?? 0;
      if (!was) out.newMrr += v;
      else if (v > was) out.expansion += v - was;
      else if (v < was) out.contraction += was - v;
    }
    for (const [who, v] of prev) if (!cur.has(who)) out.churn += v;
    return out;
  });
}
