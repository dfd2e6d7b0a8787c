import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import type { GoalRequest } from "@/lib/schemas/api-v1";
import type { GoalEventDTO } from "@/lib/schemas/api-v1-responses";
import { insertExtraGoal } from "@/lib/engine/events";
import { visitsOf } from "@/lib/engine/sessions";
import { GoalEvent } from "@/models/GoalEvent";
import { Session, sessionKey } from "@/models/Session";
import { propsObject, visitContextOf } from "./context";

/**
 * A goal reported by the site's server (POST /api/v1/goals), attached to the
 * visitor's latest session and carrying that session's source, geo and device,
 * so it counts in breakdowns like a goal the tracker sent. A visitor this
 * website has never seen is a 404: a typo'd id must not create a phantom.
 * Events still in the ingest buffer (until its next checkpoint: a quarter
 * second when idle, at most a few seconds under load) are not yet "seen".
 */
export async function recordGoal(websiteId: string, input: GoalRequest, now = new Date()): Promise<GoalEventDTO> {
  await connectDb();
  const wid = new Types.ObjectId(websiteId);
  // The latest visit from the stats engine (the visitor id's index), not a scan of the store's sessions.
  const [visit] = await visitsOf(websiteId, input.visitorId, { latest: true });
  if (!visit) throw new ApiError(404, "visitor_not_found", "This website has never seen a visitor with this id");
  const session = { ...visit, ...((await Session.findById(sessionKey(wid, visit.sessionId)).lean()) ?? {}), websiteId: wid };

  const doc = await GoalEvent.create({
    ...visitContextOf(session as unknown as Record<string, unknown>),
    websiteId: wid,
    name: input.name,
    visitorId: input.visitorId,
    sessionId: session.sessionId,
    timestamp: now,
    path: typeof session.exitPage === "string" ? session.exitPage : undefined,
    props: input.props,
  });
  // By _id, so the store does not scan; $inc composes with ingest's own upserts.
  await Session.updateOne({ _id: sessionKey(wid, visit.sessionId) }, { $inc: { events: 1 } });
  await insertExtraGoal(session, { id: String(doc._id), name: input.name, at: now, path: doc.path ?? undefined, props: input.props });
  return {
    id: String(doc._id),
    visitorId: input.visitorId,
    sessionId: session.sessionId,
    name: input.name,
    props: propsObject(input.props),
    timestamp: now.toISOString(),
  };
}
