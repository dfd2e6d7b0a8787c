import { randomBytes } from "node:crypto";
import { Types } from "mongoose";
import { eventRow, insertEvents, insertExtraGoal } from "@/lib/engine/events";
import { syncPayment } from "@/lib/engine/payments";
import { GoalEvent, PageView, Payment, Session, User, Website } from "@/models";
import { sessionKey } from "@/models/Session";

const id = () => randomBytes(8).toString("hex");

export async function makeWebsite(overrides: Record<string, unknown> = {}) {
  const user = await User.create({ email: `${id()}@example.com`, name: "Owner" });
  return Website.create({ userId: user._id, domain: `${id()}.example.com`, name: "Site", ...overrides });
}

/**
 * A visit with its pageviews; `paths` are viewed one minute apart from `at`.
 * Like ingest, it lands both in the store (Session and PageView documents)
 * and in the stats engine (a row per pageview, with the visit's facts).
 */
export async function makeVisit(
  websiteId: Types.ObjectId,
  at: Date,
  opts: { visitorId?: string; paths?: string[]; country?: string; device?: string; channel?: string; context?: Record<string, string> } = {},
) {
  const visitorId = opts.visitorId ?? id();
  const sessionId = id();
  const paths = opts.paths ?? ["/"];
  // `context`: more visit fields (utmCampaign, city, browser...) copied like ingest copies them.
  const context = { websiteId, visitorId, sessionId, country: opts.country ?? "US", device: opts.device ?? "desktop", channel: opts.channel ?? "Direct", ...opts.context };
  const views = await PageView.insertMany(paths.map((path, i) => ({ ...context, path, timestamp: new Date(at.getTime() + i * 60_000) })));
  const session = await Session.create({
    ...context, startedAt: at, lastSeenAt: new Date(at.getTime() + (paths.length - 1) * 60_000),
    entryPage: paths[0], exitPage: paths[paths.length - 1], pageviews: paths.length, duration: (paths.length - 1) * 60, bounce: paths.length === 1,
  });
  const visit = { ...context, entryPage: paths[0] } as unknown as Record<string, string>;
  await insertEvents(views.map((v, i) => eventRow(
    { id: String(v._id), websiteId: String(websiteId), visitorId, sessionId, type: "pageview", timestamp: v.timestamp, path: v.path },
    { start: at.getTime(), first: i === 0, view: i + 1, seconds: i === 0 ? 0 : 60, context: visit },
  )));
  return session;
}

export async function makePayment(
  websiteId: Types.ObjectId,
  at: Date,
  amount: number,
  opts: {
    refundedAmount?: number;
    currency?: string;
    visitorId?: string;
    renewal?: boolean;
    customerId?: string;
    status?: "paid" | "refunded" | "partially_refunded";
    // Touches as lib/revenue copies them from the buyer's visits (channel, referrerDomain, utmSource, entryPage, country, device...).
    firstTouch?: Record<string, unknown>;
    lastTouch?: Record<string, unknown>;
  } = {},
) {
  const { refundedAmount = 0, currency = "USD", ...rest } = opts;
  const payment = await Payment.create({ websiteId, provider: "api", transactionId: id(), amount, currency, refundedAmount, timestamp: at, ...rest });
  await syncPayment(payment.toObject());
  return payment;
}

/** A goal event for a visitor's session (default: their latest visit, as the API attaches one), counted by the stats as that visit's goal. */
export async function makeGoalEvent(websiteId: Types.ObjectId, at: Date, opts: { visitorId: string; sessionId?: string; name: string }) {
  const session = opts.sessionId
    ? await Session.findById(sessionKey(websiteId, opts.sessionId)).lean()
    : ((await Session.find({ websiteId, visitorId: opts.visitorId }).sort({ startedAt: -1 }).limit(1).lean())[0] ?? null);
  const goal = await GoalEvent.create({ websiteId, visitorId: opts.visitorId, sessionId: session?.sessionId ?? opts.sessionId, name: opts.name, timestamp: at });
  if (session) await insertExtraGoal(session, { id: String(goal._id), name: opts.name, at });
  return goal;
}

/** The touch lib/revenue copies from a visit onto a payment. */
export function touchOf(session: { toObject(): object }) {
  const visit = session.toObject() as Record<string, unknown>;
  const fields = ["channel", "referrerDomain", "utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent", "entryPage", "country", "device"];
  return { ...Object.fromEntries(fields.flatMap((k) => (visit[k] === undefined ? [] : [[k, visit[k]]]))), at: visit.startedAt };
}

/** A payment by the visitor of `session`, both touches taken from it (as lib/revenue would for a one-visit buyer). */
export async function makePaymentFor(session: { websiteId: Types.ObjectId; visitorId: string; toObject(): object }, at: Date, amount: number, opts: Parameters<typeof makePayment>[3] = {}) {
  const t = touchOf(session);
  return makePayment(session.websiteId, at, amount, { visitorId: session.visitorId, firstTouch: t, lastTouch: t, ...opts });
}
