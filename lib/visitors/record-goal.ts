import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import type { GoalRequest } from "@/lib/schemas/api-v1";
import type { GoalEventDTO } from "@/lib/schemas/api-v1-responses";
import { writeGoalExtra } from "@/lib/blocks/write-visits";
import { GoalEvent } from "@/models/GoalEvent";
import { Session, type SessionDoc } from "@/models/Session";
import { propsObject, visitContextOf } from "./context";

/**
 * A goal reported by the site's server (POST /api/v1/goals), attached to the
 * visitor's latest session and carrying that session's source, geo and device,
 * so it counts in breakdowns like a goal the tracker sent. A visitor this
 * website has never seen is a 404: a typo'd id must not create a phantom.
 * Events still in the ingest buffer (a quarter second) are not yet "seen".
 */
export async function recordGoal(websiteId: string, input: GoalRequest, now = new Date()): Promise<GoalEventDTO> {
  await connectDb();
  const wid = new Types.ObjectId(websiteId);
  // Not an _id filter, so FerretDB scans the website's sessions; MongoDB uses
  // the (websiteId, visitorId, startedAt) index.
  const [session] = await Session.find({ websiteId: wid, visitorId: input.visitorId }).sort({ startedAt: -1 }).limit(1).lean<SessionDoc[]>();
  if (!session) throw new ApiError(404, "visitor_not_found", "This website has never seen a visitor with this id");

  const doc = await GoalEvent.create({
    ...visitContextOf(session as unknown as Record<string, unknown>),
    websiteId: wid,
    name: input.name,
    visitorId: input.visitorId,
    sessionId: session.sessionId,
    timestamp: now,
    path: session.exitPage,
    props: input.props,
  });
  // By _id, so the store does not scan; $inc composes with ingest's own upserts.
  await Session.updateOne({ _id: session._id }, { $inc: { events: 1 } });
  await writeGoalExtra(websiteId, session, input.name);
  return {
    id: String(doc._id),
    visitorId: input.visitorId,
    sessionId: session.sessionId,
    name: input.name,
    props: propsObject(input.props),
    timestamp: now.toISOString(),
  };
}
