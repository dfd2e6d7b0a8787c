import type { Types } from "mongoose";
import { pages, places, plans, sources, systems, titles, type Source } from "./catalog";
import type { Rng } from "./random";

const DAY = 86_400_000;
export type DemoDay = { sessions: object[]; pageviews: object[]; goals: object[]; payments: object[] };
type Visitor = { id: string; n: number; place: (typeof places)[number][0]; system: (typeof systems)[number][0]; customer?: { since: Date; amount: number; touch: object } };
/**
 * Everyone seen so far, and the customers by the day of the month-long cycle
 * they started paying on: a day's renewals are found without walking every
 * visitor (10M events have millions).
 */
export type VisitorPool = { visitors: Visitor[]; byCycleDay: Visitor[][] };
const CYCLE = 30;
export const newPool = (): VisitorPool => ({ visitors: [], byCycleDay: Array.from({ length: CYCLE }, () => []) });
const cycleDay = (t: number) => Math.floor(t / DAY) % CYCLE;

const touchOf = (s: Source, landing: string, v: Visitor, at: Date) => ({
  channel: s.channel,
  referrerDomain: s.referrer ? new URL(s.referrer).hostname.replace(/^www\./, "") : undefined,
  utmSource: s.utm?.source, utmMedium: s.utm?.medium, utmCampaign: s.utm?.campaign, utmTerm: s.utm?.term, utmContent: s.utm?.content,
  entryPage: landing, country: v.place.country, device: v.system.device, at,
});

/** Visits on one day: growth over the period, quieter weekends, spikes where the site was mentioned. */
export function visitsOn(day: Date, index: number, spike: boolean, r: Rng): number {
  const weekend = [0, 6].includes(day.getUTCDay()) ? 0.7 : 1;
  return Math.round((110 + index * 3) * weekend * (spike ? 2.6 : 1) * (0.85 + r.next() * 0.3));
}

export function generateDay(websiteId: Types.ObjectId, dayStart: Date, visits: number, { visitors: pool, byCycleDay }: VisitorPool, r: Rng, now: Date): DemoDay {
  const out: DemoDay = { sessions: [], pageviews: [], goals: [], payments: [] };
  for (let i = 0; i < visits; i++) {
    const returning = pool.length > 50 && r.chance(0.25);
    const v: Visitor = returning ? r.pick(pool) : { id: r.id(20), n: pool.length, place: r.weighted(places), system: r.weighted(systems) };
    if (!returning) pool.push(v);
    const source: Source = returning && r.chance(0.6) ? { channel: "Direct" } : r.weighted(sources);
    // Daytime-heavy arrival times.
    const startedAt = new Date(dayStart.getTime() + (r.chance(0.75) ? r.int(8, 22) : r.int(0, 23)) * 3_600_000 + r.int(0, 3_599_999));
    if (startedAt > now) continue;
    const sessionId = r.id(16);
    const count = r.chance(0.42) ? 1 : r.int(2, 7);
    const context = {
      websiteId, visitorId: v.id, sessionId, hostname: "getacme.io", channel: source.channel,
      referrer: source.referrer, referrerDomain: source.referrer ? new URL(source.referrer).hostname.replace(/^www\./, "") : undefined,
      utmSource: source.utm?.source, utmMedium: source.utm?.medium, utmCampaign: source.utm?.campaign, utmTerm: source.utm?.term, utmContent: source.utm?.content,
      ...v.place, ...v.system, browserVersion: String(r.int(118, 131)), osVersion: undefined,
    };
    let at = startedAt;
    let path = source.landing ?? r.weighted(pages);
    const landing = path;
    for (let p = 0; p < count; p++) {
      if (p > 0) { at = new Date(at.getTime() + r.int(8, 150) * 1000); path = r.weighted(pages); }
      out.pageviews.push({ ...context, timestamp: at, path, title: titles[path] ?? `${path.slice(1)} · Acme` });
      if (path === "/" && r.chance(0.12)) out.goals.push({ ...context, name: "cta_click", timestamp: at, path, props: [{ k: "location", v: r.pick(["hero", "footer", "pricing-table"]) }] });
      if (path === "/signup" && r.chance(0.35)) {
        out.goals.push({ ...context, name: "signup", timestamp: at, path });
        if (!v.customer && r.chance(0.3)) {
          const amount = r.weighted(plans.map((pl) => [pl.amount, pl.weight] as const));
          const paidAt = new Date(at.getTime() + r.int(30, 600) * 1000);
          if (paidAt > now) continue;
          v.customer = { since: paidAt, amount, touch: touchOf(source, landing, v, startedAt) };
          byCycleDay[cycleDay(paidAt.getTime())].push(v);
          const refunded = r.chance(0.06) ? (r.chance(0.5) ? amount : Math.round(amount / 2)) : 0;
          out.payments.push({
            websiteId, provider: "stripe", transactionId: `pi_demo_${r.id(14)}`, amount, refundedAmount: refunded, currency: "USD",
            renewal: false, status: refunded === 0 ? "paid" : refunded === amount ? "refunded" : "partially_refunded",
            customerId: `cus_demo_${v.id.slice(0, 10)}`, visitorId: v.id, sessionId, matchedBy: "metadata",
            firstTouch: v.customer.touch, lastTouch: touchOf(source, landing, v, startedAt), timestamp: paidAt,
          });
          out.goals.push({ ...context, name: "payment", timestamp: paidAt, path: "/checkout", value: amount });
        }
      }
      if (r.chance(0.015)) out.goals.push({ ...context, name: "newsletter_subscribe", timestamp: at, path });
    }
    const duration = Math.round((at.getTime() - startedAt.getTime()) / 1000);
    out.sessions.push({ ...context, startedAt, lastSeenAt: at, entryPage: landing, exitPage: path, pageviews: count, events: count, duration, bounce: count === 1 });
  }
  // Monthly renewals for customers who started paying 30 days before this day:
  // those whose first payment fell on the day before in the cycle (or on this
  // day, at midnight sharp), in the order they were first seen.
  const today = dayStart.getTime();
  const due = [...byCycleDay[cycleDay(today - DAY)], ...byCycleDay[cycleDay(today)]].sort((a, b) => a.n - b.n);
  for (const v of due) {
    const c = v.customer!;
    const age = Math.floor((dayStart.getTime() - c.since.getTime()) / DAY);
    if (age > 0 && age % 30 === 0 && r.chance(0.9)) {
      const at = new Date(dayStart.getTime() + (c.since.getTime() % DAY));
      if (at > now) continue;
      out.payments.push({
        websiteId, provider: "stripe", transactionId: `in_demo_${r.id(14)}`, amount: c.amount, refundedAmount: 0, currency: "USD",
        renewal: true, status: "paid", customerId: `cus_demo_${v.id.slice(0, 10)}`, visitorId: v.id, matchedBy: "customer",
        firstTouch: c.touch, lastTouch: c.touch, timestamp: at,
      });
      out.goals.push({ websiteId, visitorId: v.id, name: "renewal", timestamp: at, value: c.amount, ...v.place, ...v.system });
    }
  }
  return out;
}
