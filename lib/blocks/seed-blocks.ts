import { Types } from "mongoose";
import { markBlocksSince } from "./meta";
import { syncPaymentRowsInBulk } from "./payments";
import { RECORD_FIELDS, type VisitRecord } from "./record";
import { writeVisitParts } from "./write-visits";

type Doc = Record<string, unknown> & { sessionId?: string };
type Day = { sessions: object[]; pageviews: object[]; goals: object[]; payments: object[] };

function bySession(docs: Doc[], key: "path" | "name"): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of docs) {
    if (!d.sessionId || typeof d[key] !== "string") continue;
    (out.get(d.sessionId) ?? out.set(d.sessionId, []).get(d.sessionId)!).push(d[key] as string);
  }
  return out;
}

/**
 * The blocks ingest would have written for documents made in bulk (the demo
 * seed, the query benchmark): one part per day of visits, and the payments'
 * month rows. Payments need their _id set before they are inserted.
 */
export async function writeBlocksFor(websiteId: Types.ObjectId, day: Day, first: boolean): Promise<void> {
  const id = String(websiteId);
  if (first) await markBlocksSince(id, new Date(0));
  const paths = bySession(day.pageviews as Doc[], "path");
  const goals = bySession(day.goals as Doc[], "name");
  const records: VisitRecord[] = (day.sessions as Doc[]).map((s) => {
    const sessionId = s.sessionId as string;
    const fields: VisitRecord["fields"] = {};
    for (const f of RECORD_FIELDS) if (typeof s[f] === "string") fields[f] = s[f] as string;
    return {
      sessionId, visitorId: s.visitorId as string, startedAt: (s.startedAt as Date).getTime(), lastSeenAt: (s.lastSeenAt as Date).getTime(),
      pageviews: (s.pageviews as number) ?? 0, fields, paths: paths.get(sessionId) ?? [], goals: goals.get(sessionId) ?? [],
    };
  });
  await writeVisitParts(id, records);
  await syncPaymentRowsInBulk(day.payments as Parameters<typeof syncPaymentRowsInBulk>[0]);
}
