import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { GoalEvent } from "@/models/GoalEvent";
import { PageView } from "@/models/PageView";
import { Payment } from "@/models/Payment";
import { Session } from "@/models/Session";
import { buildTimeline, type EventRow, type PaymentRow, type SessionRow, type TimelineEntry } from "./timeline";

// A long-lived visitor can have thousands of pageviews; the page shows the latest ones.
const MAX_EVENTS = 500;
// Payments reach the timeline from the Payment collection itself; their
// markers (goal events carrying a value) would show every payment twice.
const MARKERS = ["payment", "renewal", "refund"];

/** The visitor's visits, events and payments on one website, oldest first. */
export async function getVisitorTimeline(websiteId: string, visitorId: string): Promise<{ entries: TimelineEntry[]; truncated: boolean }> {
  await connectDb();
  const scope = { websiteId: new Types.ObjectId(websiteId), visitorId };
  const [sessions, pageviews, goals, payments] = await Promise.all([
    Session.find(scope, { _id: 0, sessionId: 1, startedAt: 1, lastSeenAt: 1, duration: 1, entryPage: 1, channel: 1, referrerDomain: 1, utmSource: 1, country: 1, device: 1, browser: 1 }).lean<SessionRow[]>(),
    PageView.find(scope, { _id: 0, sessionId: 1, path: 1, timestamp: 1 }).sort({ timestamp: -1 }).limit(MAX_EVENTS + 1).lean<EventRow[]>(),
    GoalEvent.find(scope, { _id: 0, sessionId: 1, name: 1, timestamp: 1, value: 1 }).sort({ timestamp: -1 }).limit(MAX_EVENTS).lean<(EventRow & { value?: number })[]>(),
    Payment.find(scope, { _id: 0, timestamp: 1, amount: 1, refundedAmount: 1, currency: 1, provider: 1, renewal: 1 }).lean<PaymentRow[]>(),
  ]);
  const userGoals = goals.filter((g) => !(g.value !== undefined && MARKERS.includes(g.name ?? "")));
  return { entries: buildTimeline(sessions, pageviews.slice(0, MAX_EVENTS), userGoals, payments), truncated: pageviews.length > MAX_EVENTS };
}
