import type { Types } from "mongoose";
import { makeGoalEvent, makePayment, makePaymentFor, makeVisit, makeWebsite, touchOf } from "./index";

/**
 * Four visitors on 2026-03-09 (UTC) with distinct sources, places and pages,
 * two of them paying, for the stats filter and breakdown tests:
 * - a: US, Chrome/macOS desktop, Organic Search from google.com, campaign spring, / then /blog/x
 * - b: DE, Firefox/Windows desktop, Direct, /pricing; pays 1000 USD
 * - c: DE, Chrome/Android mobile, Organic Social from x.com, /blog/y then /pricing, goal signup; pays 5000 USD
 *   and 700 EUR, and a 3000 USD payment fully refunded
 * - d: FR, Safari/iOS tablet, Direct, / ; a second visit on 2026-03-10
 * - e: first came from google.com (Organic Search), came back Direct and paid 2500 USD: the
 *   payment's first touch is Organic Search, its last Direct
 */
export async function seedFourVisitors(overrides: Record<string, unknown> = {}) {
  const site = await makeWebsite(overrides);
  return { site, visits: await seedVisitorsOn(site) };
}

/** The same visitors on an existing website (one created through the API, say). */
export async function seedVisitorsOn(site: { _id: Types.ObjectId }) {
  const day = (h: number, m = 0) => new Date(Date.UTC(2026, 2, 9, h, m));
  const a = await makeVisit(site._id, day(9), {
    visitorId: "a", paths: ["/", "/blog/x"], country: "US", device: "desktop", channel: "Organic Search",
    context: { referrerDomain: "google.com", utmSource: "google", utmMedium: "cpc", utmCampaign: "spring", utmTerm: "analytics", utmContent: "ad1", browser: "Chrome", os: "macOS", hostname: "www.site.test", region: "CA", city: "San Francisco" },
  });
  const b = await makeVisit(site._id, day(10), {
    visitorId: "b", paths: ["/pricing"], country: "DE", device: "desktop", channel: "Direct",
    context: { browser: "Firefox", os: "Windows", hostname: "www.site.test", region: "BE", city: "Berlin" },
  });
  const c = await makeVisit(site._id, day(11), {
    visitorId: "c", paths: ["/blog/y", "/pricing"], country: "DE", device: "mobile", channel: "Organic Social",
    context: { referrerDomain: "x.com", utmSource: "twitter", browser: "Chrome", os: "Android", hostname: "app.site.test", region: "HH", city: "Hamburg" },
  });
  const d = await makeVisit(site._id, day(12), { visitorId: "d", paths: ["/"], country: "FR", device: "tablet", channel: "Direct", context: { browser: "Safari", os: "iOS", hostname: "www.site.test" } });
  await makeVisit(site._id, new Date(Date.UTC(2026, 2, 10, 8)), { visitorId: "d", paths: ["/", "/pricing", "/docs"], country: "FR", device: "tablet", channel: "Direct", context: { browser: "Safari", os: "iOS" } });
  const e1 = await makeVisit(site._id, day(13), { visitorId: "e", paths: ["/"], channel: "Organic Search", context: { referrerDomain: "google.com", browser: "Chrome" } });
  const e2 = await makeVisit(site._id, day(14), { visitorId: "e", paths: ["/pricing"], channel: "Direct", context: { browser: "Chrome" } });

  await makeGoalEvent(site._id, day(11, 1), { visitorId: "c", sessionId: c.sessionId, name: "signup" });
  await makeGoalEvent(site._id, day(12, 1), { visitorId: "d", sessionId: d.sessionId, name: "newsletter" });
  await makePaymentFor(b, day(10, 5), 1000);
  await makePaymentFor(c, day(11, 5), 5000);
  await makePaymentFor(c, day(11, 6), 700, { currency: "EUR" });
  await makePaymentFor(c, day(11, 7), 3000, { refundedAmount: 3000, status: "refunded" });
  await makePayment(site._id, day(14, 10), 2500, { visitorId: "e", firstTouch: touchOf(e1), lastTouch: touchOf(e2) });
  return { a, b, c, d, e1, e2 };
}
