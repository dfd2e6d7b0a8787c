import type { ApiWebsite } from "@/lib/auth/with-api-key";
import { connectDb } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import type { PaymentSummary, VisitorDetail } from "@/lib/schemas/api-v1-responses";
import { Identity, identityKey, type IdentityDoc } from "@/models/Identity";
import { orNull } from "./context";
import { toProfile } from "./profile";
import { visitorReads, visitorTallies, type VisitorPayment, type VisitorReads } from "./visitor-reads";

const MAX_PAGES = 100;

function money(payments: VisitorPayment[], currency: string): VisitorDetail["money"] {
  const list: PaymentSummary[] = payments.map(({ timestamp, ...p }) => ({ ...p, timestamp: timestamp.toISOString() }));
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
export async function getVisitor(website: ApiWebsite, visitorId: string, reads: VisitorReads = visitorReads(website.id, visitorId)): Promise<VisitorDetail> {
  await connectDb();
  const [sessions, tallies, identity, payments] = await Promise.all([
    reads.visits(),
    visitorTallies(website.id, visitorId),
    Identity.findById(identityKey(website.id, visitorId)).lean<IdentityDoc & { updatedAt?: Date }>(),
    reads.payments(),
  ]);
  if (!sessions.length && !identity && !payments.length) throw notFound("No visitor with this id on this website");

  const first = sessions[0];
  const latest = sessions[sessions.length - 1];
  const pageTallies = tallies.filter((t) => t.kind === "pageview");
  const pages = pageTallies
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))
    .slice(0, MAX_PAGES)
    .map((t) => ({ path: t.key, views: t.count, lastViewedAt: t.last.toISOString() }));
  const goalRows = tallies
    .filter((t) => t.kind === "goal")
    .sort((a, b) => b.last.getTime() - a.last.getTime())
    .map((t) => ({ name: t.key, count: t.count, firstAt: t.first.toISOString(), lastAt: t.last.toISOString() }));
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
      // Counted from the pageviews that also give the page list below.
      pageviews: pageTallies.reduce((n, t) => n + t.count, 0),
      firstSeen: first ? first.startedAt.toISOString() : null,
      lastSeen: lastSeen ? lastSeen.toISOString() : null,
      pages,
      goals: goalRows,
    },
    profile: toProfile(identity),
    money: money(payments, website.currency),
  };
}
