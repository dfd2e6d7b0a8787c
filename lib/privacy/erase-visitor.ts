import { Types } from "mongoose";
import { hashEmail } from "@/lib/crypto";
import { connectDb } from "@/lib/db";
import { engine } from "@/lib/engine";
import { eraseRows } from "@/lib/engine/erase";
import { str, strs } from "@/lib/engine/sql";
import { notFound } from "@/lib/http/errors";
import { drainIngest } from "@/lib/ingest/buffer";
import { realtime } from "@/lib/ingest/realtime";
import { forgetVisits } from "@/lib/ingest/sessionize";
import { FunnelEvent } from "@/models/FunnelEvent";
import { GoalEvent } from "@/models/GoalEvent";
import { Identity } from "@/models/Identity";
import { PageView } from "@/models/PageView";
import { Session } from "@/models/Session";
import { paymentsHeld, unlinkPayments, visitorsPaidWith } from "./unlink-payments";

/** Who to erase: a visitor id, or everyone a site knows under a user id or an email. */
export type ErasureTarget = { visitorId: string } | { userId: string } | { email: string };

export type ErasureResult = { visitors: number; sessions: number; payments: number };

/**
 * The visitor ids a target names on one website: the id itself when anything
 * is held for it; for a user id or an email, every visitor an identify call or
 * a visit tied to it (and, for an email, any payment made with it).
 */
async function visitorsOf(websiteId: string, target: ErasureTarget): Promise<{ visitorIds: string[]; emailHash?: string; userId?: string }> {
  const wid = new Types.ObjectId(websiteId);
  const e = await engine();
  const distinct = async (where: string) =>
    (await e.query<{ visitor_id: string }>(`SELECT DISTINCT visitor_id FROM ${e.tables.events} WHERE website_id = ${str(websiteId)} AND ${where}`)).map((r) => r.visitor_id);
  if ("visitorId" in target) {
    const held =
      (await Session.exists({ websiteId: wid, visitorId: target.visitorId })) ||
      (await Identity.exists({ websiteId: wid, visitorId: target.visitorId })) ||
      (await PageView.exists({ websiteId: wid, visitorId: target.visitorId })) ||
      (await GoalEvent.exists({ websiteId: wid, visitorId: target.visitorId })) ||
      (await distinct(`visitor_id = ${str(target.visitorId)}`)).length > 0 ||
      (await paymentsHeld(websiteId, { visitorIds: [target.visitorId] }));
    return { visitorIds: held ? [target.visitorId] : [] };
  }
  if ("userId" in target) {
    const ids = new Set<string>();
    for (const d of await Identity.find({ websiteId: wid, userId: target.userId }, { visitorId: 1 }).lean()) ids.add(d.visitorId);
    for (const d of await Session.find({ websiteId: wid, userId: target.userId }, { visitorId: 1 }).lean()) ids.add(d.visitorId);
    for (const v of await distinct(`user_id = ${str(target.userId)}`)) ids.add(v);
    return { visitorIds: [...ids], userId: target.userId };
  }
  const emailHash = hashEmail(target.email);
  const ids = new Set<string>();
  for (const d of await Identity.find({ websiteId: wid, emailHash }, { visitorId: 1 }).lean()) ids.add(d.visitorId);
  for (const v of await visitorsPaidWith(websiteId, emailHash)) ids.add(v);
  return { visitorIds: [...ids], emailHash };
}

/**
 * Erases a visitor from one website, everywhere it is held: their pageviews,
 * goals, visits, identity and funnel progress in the store; their rows in
 * the stats engine (rewritten on disk, not only hidden); the live view's and
 * the session cache's memory of them. Their payments stay, as money, with
 * amount and date only: no visitor, visit, customer, email or source.
 * Events this process accepted but had not written yet are written first, so
 * none of them comes back after the erasure. 404 when nothing is held.
 */
export async function eraseVisitor(websiteId: string, target: ErasureTarget): Promise<ErasureResult> {
  await connectDb();
  await drainIngest();
  const { visitorIds, emailHash, userId } = await visitorsOf(websiteId, target);
  const paymentsByEmail = emailHash ? await paymentsHeld(websiteId, { emailHash }) : false;
  if (!visitorIds.length && !paymentsByEmail) throw notFound("No visitor with this id on this website");
  return eraseVisitors(websiteId, visitorIds, { emailHash, userId });
}

/** The erasure itself, for known visitor ids (also what an email's payments are unlinked by). */
export async function eraseVisitors(websiteId: string, visitorIds: string[], also: { emailHash?: string; userId?: string } = {}): Promise<ErasureResult> {
  const wid = new Types.ObjectId(websiteId);
  const mine = { websiteId: wid, visitorId: { $in: visitorIds } };
  const sessionIds = (await Session.find(mine, { sessionId: 1 }).lean()).map((s) => s.sessionId);
  // Payments first: unlinking needs the visits' ids, and money must never be lost half-way.
  const payments = await unlinkPayments(websiteId, { visitorIds, emailHash: also.emailHash });
  const userRows = also.userId ? ` OR user_id = ${str(also.userId)}` : "";
  if (visitorIds.length || userRows) await eraseRows("events", `website_id = ${str(websiteId)} AND (visitor_id IN ${strs(visitorIds)}${userRows})`);
  if (visitorIds.length) await eraseRows("vitals", `website_id = ${str(websiteId)} AND visitor_id IN ${strs(visitorIds)}`);
  for (const model of [PageView, GoalEvent, FunnelEvent, Identity, Session] as const) {
    await (model as unknown as typeof PageView).deleteMany(mine);
  }
  realtime.forget(websiteId, visitorIds);
  forgetVisits(websiteId, visitorIds, sessionIds);
  await drainIngest([...visitorIds, ...sessionIds, ...(also.userId ? [also.userId] : [])]);
  return { visitors: visitorIds.length, sessions: sessionIds.length, payments };
}
