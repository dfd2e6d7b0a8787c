import { Types } from "mongoose";
import type { ApiWebsite } from "@/lib/auth/with-api-key";
import { connectDb } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { paymentMoneyOf } from "@/lib/payments/api-payments";
import type { PaymentSummary, VisitorDetail } from "@/lib/schemas/api-v1-responses";
import { GoalEvent } from "@/models/GoalEvent";
import { Identity, identityKey, type IdentityDoc } from "@/models/Identity";
import { PageView } from "@/models/PageView";
import { Payment, type PaymentDoc } from "@/models/Payment";
import { Session, type SessionDoc } from "@/models/Session";
import { orNull } from "./context";
import { toProfile } from "./profile";

const MAX_PAGES = 100;

/** Counts and first/last time per key, finished here: FerretDB v1 has no $min/$max accumulators. */
function tally<T>(items: T[], key: (t: T) => string, at: (t: T) => Date) {
  const out = new Map<string, { count: number; first: Date; last: Date }>();
  for (const it of items) {
    const k = key(it);
    const t = at(it);
    const e = out.get(k);
    if (!e) out.set(k, { count: 1, first: t, last: t });
    else {
      e.count++;
      if (t < e.first) e.first = t;
      if (t > e.last) e.last = t;
    }
  }
  return out;
}

function money(payments: PaymentDoc[], currency: string): VisitorDetail["money"] {
  const list: PaymentSummary[] = payments.map((p) => ({ ...paymentMoneyOf(p), provider: p.provider }));
  // Totals in the website's currency only: adding yen to dollars means nothing.
  const inCurrency = list.filter((p) => p.currency === currency);
  const grossRevenue = inCurrency.reduce((n, p) => n + p.amount, 0);
  const refunds = inCurrency.reduce((n, p) => n + p.refundedAmount, 0);
  return { currency, payments: list, paymentCount: list.length, grossRevenue, refunds, netRevenue: grossRevenue - refunds, customerSince: list[0]?.timestamp ?? null };
}

/**
 * Everything known about one visitor of the website: where they are and what
 * they use (latest visit), where they first came from, what they did, who they
 * are (identify) and what they paid. A visitor unknown to this website on all
 * counts is a 404, as is any visitor of another website.
 */
export async function getVisitor(website: ApiWebsite, visitorId: string): Promise<VisitorDetail> {
  await connectDb();
  const wid = new Types.ObjectId(website.id);
  const scope = { websiteId: wid, visitorId };
  const [sessions, pageviews, goals, identity, payments] = await Promise.all([
    Session.find(scope).sort({ startedAt: 1 }).lean<SessionDoc[]>(),
    PageView.find(scope, { _id: 0, path: 1, timestamp: 1 }).lean<{ path: string; timestamp: Date }[]>(),
    GoalEvent.find(scope, { _id: 0, name: 1, timestamp: 1 }).lean<{ name: string; timestamp: Date }[]>(),
    Identity.findById(identityKey(wid, visitorId)).lean<IdentityDoc & { updatedAt?: Date }>(),
    Payment.find(scope).sort({ timestamp: 1 }).lean<PaymentDoc[]>(),
  ]);
  if (!sessions.length && !identity && !payments.length) throw notFound("No visitor with this id on this website");

  const first = sessions[0];
  const latest = sessions[sessions.length - 1];
  const pages = [...tally(pageviews, (p) => p.path, (p) => p.timestamp)]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_PAGES)
    .map(([path, t]) => ({ path, views: t.count, lastViewedAt: t.last.toISOString() }));
  const goalRows = [...tally(goals, (g) => g.name, (g) => g.timestamp)]
    .sort((a, b) => b[1].last.getTime() - a[1].last.getTime())
    .map(([name, t]) => ({ name, count: t.count, firstAt: t.first.toISOString(), lastAt: t.last.toISOString() }));
  const lastSeen = sessions.reduce<Date | null>((m, s) => (!m || s.lastSeenAt > m ? s.lastSeenAt : m), null);

  return {
    visitorId,
    identity: {
      country: orNull(latest?.country),
      region: orNull(latest?.region),
      city: orNull(latest?.city),
      browser: orNull(latest?.browser),
      os: orNull(latest?.os),
      device: orNull(latest?.device),
    },
    firstTouch: first
      ? {
          channel: orNull(first.channel),
          referrer: orNull(first.referrer),
          referrerDomain: orNull(first.referrerDomain),
          utmSource: orNull(first.utmSource),
          utmMedium: orNull(first.utmMedium),
          utmCampaign: orNull(first.utmCampaign),
          utmTerm: orNull(first.utmTerm),
          utmContent: orNull(first.utmContent),
          landingPage: orNull(first.entryPage),
          at: first.startedAt.toISOString(),
        }
      : null,
    activity: {
      visits: sessions.length,
      // Counted from the pageview documents that also give the page list below.
      pageviews: pageviews.length,
      firstSeen: first ? first.startedAt.toISOString() : null,
      lastSeen: lastSeen ? lastSeen.toISOString() : null,
      pages,
      goals: goalRows,
    },
    profile: toProfile(identity),
    money: money(payments, website.currency),
  };
}
