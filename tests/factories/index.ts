import { randomBytes } from "node:crypto";
import { Types } from "mongoose";
import { GoalEvent, PageView, Payment, Session, User, Website } from "@/models";

const id = () => randomBytes(8).toString("hex");

export async function makeWebsite(overrides: Record<string, unknown> = {}) {
  const user = await User.create({ email: `${id()}@example.com`, name: "Owner" });
  return Website.create({ userId: user._id, domain: `${id()}.example.com`, name: "Site", ...overrides });
}

/** A visit with its pageviews; `paths` are viewed one minute apart from `at`. */
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
  await PageView.insertMany(paths.map((path, i) => ({ ...context, path, timestamp: new Date(at.getTime() + i * 60_000) })));
  return Session.create({
    ...context, startedAt: at, lastSeenAt: new Date(at.getTime() + (paths.length - 1) * 60_000),
    entryPage: paths[0], exitPage: paths[paths.length - 1], pageviews: paths.length, duration: (paths.length - 1) * 60, bounce: paths.length === 1,
  });
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
    status?: "paid" | "refunded" | "partially_refunded";
    // Touches as lib/revenue copies them from the buyer's visits (channel, referrerDomain, utmSource, entryPage, country, device...).
    firstTouch?: Record<string, unknown>;
    lastTouch?: Record<string, unknown>;
  } = {},
) {
  const { refundedAmount = 0, currency = "USD", ...rest } = opts;
  return Payment.create({ websiteId, provider: "api", transactionId: id(), amount, currency, refundedAmount, timestamp: at, ...rest });
}

/** A goal event as ingest writes it, for a visitor's session. */
export async function makeGoalEvent(websiteId: Types.ObjectId, at: Date, opts: { visitorId: string; sessionId?: string; name: string }) {
  return GoalEvent.create({ websiteId, visitorId: opts.visitorId, sessionId: opts.sessionId, name: opts.name, timestamp: at });
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
