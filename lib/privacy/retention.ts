import { Types } from "mongoose";
import { effectiveRetentionDays, planRetentionDays } from "@/lib/billing/retention";
import { connectDb } from "@/lib/db";
import { eraseRows } from "@/lib/engine/erase";
import { at, str } from "@/lib/engine/sql";
import { addDays } from "@/lib/stats/period";
import { dayKeyFormatter } from "@/lib/stats/day-key";
import { zonedMidnight } from "@/lib/stats/date-range";
import { FunnelEvent } from "@/models/FunnelEvent";
import { GoalEvent } from "@/models/GoalEvent";
import { Identity } from "@/models/Identity";
import { PageView } from "@/models/PageView";
import { Session } from "@/models/Session";
import { EXPIRED_PAYMENT_FIELDS, rewritePayments } from "./unlink-payments";

/** A site as retention reads it. */
export type RetentionSite = { _id: unknown; teamId?: unknown; userId?: unknown; timezone?: string | null; settings?: { retentionDays?: number | null } | null };

// Visits deleted per round: their ids are held in memory and sent back in one query.
const CHUNK = 1_000;

/** The site's retention in days: the shorter of its own setting and its plan's (null: kept forever). */
export async function retentionDaysOf(site: RetentionSite): Promise<number | null> {
  return effectiveRetentionDays(site.settings?.retentionDays ?? null, await planRetentionDays(site.teamId ?? site.userId));
}

/**
 * Where the held data starts: local midnight of the day `days - 1` days
 * before today in the site's zone, so today and the `days - 1` days before it
 * are held whole and no day is ever half deleted.
 */
export function heldFrom(days: number, timeZone: string, now = new Date()): { day: string; at: Date } {
  const day = addDays(dayKeyFormatter(timeZone)(now), -(days - 1));
  return { day, at: zonedMidnight(day, timeZone) };
}

/** The held range of a site, or null when it keeps everything. */
export async function heldRange(site: RetentionSite, now = new Date()): Promise<{ days: number; day: string; at: Date } | null> {
  const days = await retentionDaysOf(site);
  return days == null ? null : { days, ...heldFrom(days, site.timezone || "UTC", now) };
}

export type RetentionOutcome = { sessions: number; pageviews: number; goals: number; payments: number };

/**
 * Deletes the site's visitor-level data from before `cutoff`: visits that
 * started before it, with all of their pageviews and goals (a visit goes
 * whole, so every remaining visit's numbers stay exact), their engine rows,
 * funnel progress begun before it, and the identities of visitors with no
 * visit left. Payments stay, as money: those made before the cutoff lose the
 * visitor, visit and email they were matched by; later ones lose only a link
 * to a visit that is gone. Their source stays, so revenue by source is kept.
 */
export async function applyRetention(site: RetentionSite, cutoff: Date): Promise<RetentionOutcome> {
  await connectDb();
  const websiteId = String(site._id);
  const wid = new Types.ObjectId(websiteId);
  const out: RetentionOutcome = { sessions: 0, pageviews: 0, goals: 0, payments: 0 };
  for (;;) {
    const old = await Session.find({ websiteId: wid, startedAt: { $lt: cutoff } }, { sessionId: 1, visitorId: 1 }).limit(CHUNK).lean();
    if (!old.length) break;
    const sessionIds = old.map((s) => s.sessionId);
    out.payments += await rewritePayments(websiteId, { sessionId: { $in: sessionIds } }, { $unset: { sessionId: 1 } }, "0");
    out.pageviews += (await PageView.deleteMany({ websiteId: wid, sessionId: { $in: sessionIds } })).deletedCount;
    out.goals += (await GoalEvent.deleteMany({ websiteId: wid, sessionId: { $in: sessionIds } })).deletedCount;
    out.sessions += (await Session.deleteMany({ websiteId: wid, sessionId: { $in: sessionIds } })).deletedCount;
    // An identity says who a visitor is; once none of their visits is left, nothing is left to name.
    for (const visitorId of new Set(old.map((s) => s.visitorId))) {
      if (!(await Session.exists({ websiteId: wid, visitorId }))) await Identity.deleteOne({ websiteId: wid, visitorId });
    }
  }
  // Events of no stored visit (a goal sent for a visitor never seen) go by their own time.
  out.pageviews += (await PageView.deleteMany({ websiteId: wid, timestamp: { $lt: cutoff } })).deletedCount;
  out.goals += (await GoalEvent.deleteMany({ websiteId: wid, timestamp: { $lt: cutoff } })).deletedCount;
  await FunnelEvent.deleteMany({ websiteId: wid, startedAt: { $lt: cutoff } });
  await eraseRows("events", `website_id = ${str(websiteId)} AND session_start < ${at(cutoff)}`);
  await eraseRows("vitals", `website_id = ${str(websiteId)} AND ts < ${at(cutoff)}`);
  out.payments += await rewritePayments(
    websiteId,
    { timestamp: { $lt: cutoff }, $or: [{ visitorId: { $exists: true } }, { sessionId: { $exists: true } }, { emailHash: { $exists: true } }] },
    EXPIRED_PAYMENT_FIELDS,
    `ts < ${at(cutoff)} AND (visitor_id != '' OR session_id != '')`,
  );
  return out;
}
