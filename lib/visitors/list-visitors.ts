import { Types } from "mongoose";
import type { ApiWebsite } from "@/lib/auth/with-api-key";
import { connectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import type { ListVisitorsQuery } from "@/lib/schemas/api-v1";
import type { VisitorList, VisitorSummary } from "@/lib/schemas/api-v1-responses";
import { rangeFilter, toInterval } from "@/lib/stats/date-range";
import { GoalEvent } from "@/models/GoalEvent";
import { PageView } from "@/models/PageView";
import { Payment } from "@/models/Payment";
import { Session } from "@/models/Session";
import { orNull } from "./context";

type SessionRow = { visitorId: string; startedAt: Date; lastSeenAt: Date; pageviews?: number; country?: string; device?: string; channel?: string; utmCampaign?: string };
type Cursor = { t: number; v: string };

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.t, c.v])).toString("base64url");
function decodeCursor(raw: string): Cursor {
  try {
    const [t, v] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof t === "number" && typeof v === "string") return { t, v };
  } catch {
    // falls through to the 400
  }
  throw new ApiError(400, "invalid_cursor", "cursor: pass `nextCursor` from the previous page as it was");
}

/** The visitor ids of the documents of `model` that match `filter`. */
async function visitorsWhere(model: typeof PageView | typeof GoalEvent | typeof Payment, filter: Record<string, unknown>): Promise<Set<string>> {
  const rows = await (model as typeof PageView).find(filter, { _id: 0, visitorId: 1 }).lean<{ visitorId?: string }[]>();
  return new Set(rows.flatMap((r) => (r.visitorId ? [r.visitorId] : [])));
}

/**
 * Visitors with a visit starting in [from, to] (all time when unbounded), most
 * recently seen first. Country, device and campaign select visitors with at
 * least one such visit matching all three; page and goal, visitors who viewed
 * or completed it in the range; isCustomer, visitors with any payment. Counts
 * cover every visit in the range. Sessions are grouped here rather than with
 * $group, whose second accumulator FerretDB v1 computes as 0; the filters are
 * not _id filters, so FerretDB scans the collections (MongoDB uses indexes).
 */
export async function listVisitors(website: ApiWebsite, q: ListVisitorsQuery): Promise<VisitorList> {
  await connectDb();
  const wid = new Types.ObjectId(website.id);
  const interval = toInterval(q.from, q.to, website.timezone);
  const after = q.cursor ? decodeCursor(q.cursor) : null;

  const [sessions, viewedPage, completedGoal, customers] = await Promise.all([
    Session.find(
      { websiteId: wid, ...rangeFilter("startedAt", interval) },
      { _id: 0, visitorId: 1, startedAt: 1, lastSeenAt: 1, pageviews: 1, country: 1, device: 1, channel: 1, utmCampaign: 1 },
    ).lean<SessionRow[]>(),
    q.page ? visitorsWhere(PageView, { websiteId: wid, path: q.page, ...rangeFilter("timestamp", interval) }) : null,
    q.goal ? visitorsWhere(GoalEvent, { websiteId: wid, name: q.goal, ...rangeFilter("timestamp", interval) }) : null,
    visitorsWhere(Payment, { websiteId: wid }),
  ]);

  const matchesVisit = (s: SessionRow) =>
    (!q.country || s.country === q.country) && (!q.device || s.device === q.device) && (!q.utm_campaign || s.utmCampaign === q.utm_campaign);

  const byVisitor = new Map<string, { first: SessionRow; last: SessionRow; lastSeen: number; visits: number; pageviews: number; matched: boolean }>();
  for (const s of sessions) {
    const v = byVisitor.get(s.visitorId);
    if (!v) {
      byVisitor.set(s.visitorId, { first: s, last: s, lastSeen: s.lastSeenAt.getTime(), visits: 1, pageviews: s.pageviews ?? 0, matched: matchesVisit(s) });
      continue;
    }
    if (s.startedAt < v.first.startedAt) v.first = s;
    if (s.startedAt > v.last.startedAt) v.last = s;
    v.lastSeen = Math.max(v.lastSeen, s.lastSeenAt.getTime());
    v.visits++;
    v.pageviews += s.pageviews ?? 0;
    v.matched ||= matchesVisit(s);
  }

  const rows: (VisitorSummary & { lastSeenMs: number })[] = [];
  for (const [visitorId, v] of byVisitor) {
    const isCustomer = customers.has(visitorId);
    if (!v.matched || (viewedPage && !viewedPage.has(visitorId)) || (completedGoal && !completedGoal.has(visitorId))) continue;
    if (q.isCustomer !== undefined && q.isCustomer !== isCustomer) continue;
    if (after && (v.lastSeen > after.t || (v.lastSeen === after.t && visitorId <= after.v))) continue;
    rows.push({
      visitorId,
      firstSeen: v.first.startedAt.toISOString(),
      lastSeen: new Date(v.lastSeen).toISOString(),
      visits: v.visits,
      pageviews: v.pageviews,
      country: orNull(v.last.country),
      device: orNull(v.last.device),
      channel: orNull(v.first.channel),
      utmCampaign: orNull(v.first.utmCampaign),
      isCustomer,
      lastSeenMs: v.lastSeen,
    });
  }
  rows.sort((a, b) => b.lastSeenMs - a.lastSeenMs || (a.visitorId < b.visitorId ? -1 : 1));
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    visitors: page.map(({ lastSeenMs: _, ...row }) => row),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.lastSeenMs, v: last.visitorId }) : null,
  };
}
