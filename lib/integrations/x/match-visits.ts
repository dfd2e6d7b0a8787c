import { Types, type AnyBulkWriteOperation } from "mongoose";
import { bulkWriteInChunks } from "@/lib/bulk-write";
import { engine } from "@/lib/engine";
import { at, str, strs } from "@/lib/engine/sql";
import { fromEngineTime } from "@/lib/engine/time";
import { Mention } from "@/models/Mention";

/** Hosts a click on a post arrives from: t.co wraps every link; the apps may send x.com. */
export const X_REFERRERS = ["t.co", "x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com"];
/** A post's clicks come in its first day or two; later X visits are credited to later posts. */
export const MATCH_WINDOW_MS = 48 * 3_600_000;
const LOOKBACK_MS = 30 * 86_400_000;

type MentionRow = { _id: string; postedAt: Date; links: string[] };
type SessionRow = { visitorId: string; startedAt: Date; entryPage?: string };

const pathOf = (href: string) => {
  try {
    return new URL(href).pathname.replace(/\/+$/, "") || "/";
  } catch {
    return null;
  }
};

/**
 * The post a visit from X came from: among posts linking to the site that went
 * out in the window before the visit, one whose link is the visit's landing
 * page wins, else the latest. Referrers carry no tweet id (t.co hides it), so
 * timing and the landing page are all there is.
 */
export function pickMention(session: SessionRow, mentions: MentionRow[]): MentionRow | undefined {
  const t = session.startedAt.getTime();
  const open = mentions.filter((m) => m.postedAt.getTime() <= t && t - m.postedAt.getTime() <= MATCH_WINDOW_MS);
  const entry = session.entryPage ? session.entryPage.replace(/\/+$/, "") || "/" : null;
  const byPath = open.filter((m) => m.links.some((l) => pathOf(l) === entry));
  const pool = byPath.length ? byPath : open;
  return pool.sort((a, b) => b.postedAt.getTime() - a.postedAt.getTime())[0];
}

/**
 * Recomputes visitors, sessions and revenue of the site's recent posts that
 * link to it. Revenue is what the matched visitors paid from their first
 * matched visit on (net of refunds), in the website's currency.
 */
export async function matchMentionVisits(website: { _id: unknown; currency?: string | null }, now = new Date()): Promise<{ mentions: number; visitors: number }> {
  const websiteId = String(website._id);
  const wid = new Types.ObjectId(String(websiteId));
  const since = new Date(now.getTime() - LOOKBACK_MS);
  const mentions = (await Mention.find({ websiteId: wid, postedAt: { $gte: since } }, { postedAt: 1, links: 1 }).lean<MentionRow[]>()).filter(
    (m) => m.links?.length,
  );
  if (!mentions.length) return { mentions: 0, visitors: 0 };
  const first = Math.min(...mentions.map((m) => m.postedAt.getTime()));
  const e = await engine();
  const sessions = (
    await e.query<{ visitorId: string; startedAt: string; entryPage: string }>(
      `SELECT visitor_id AS visitorId, toString(session_start) AS startedAt, entry_page AS entryPage FROM ${e.tables.events}
       WHERE website_id = ${str(websiteId)} AND session_start >= ${at(first)} AND session_first = 1 AND referrer_domain IN ${strs(X_REFERRERS)}`,
    )
  ).map((s): SessionRow => ({ visitorId: s.visitorId, startedAt: new Date(fromEngineTime(s.startedAt)), entryPage: s.entryPage || undefined }));

  const byMention = new Map<string, { sessions: number; visitors: Map<string, Date> }>();
  for (const s of sessions) {
    const m = pickMention(s, mentions);
    if (!m) continue;
    let agg = byMention.get(m._id);
    if (!agg) byMention.set(m._id, (agg = { sessions: 0, visitors: new Map() }));
    agg.sessions++;
    const seen = agg.visitors.get(s.visitorId);
    if (!seen || s.startedAt < seen) agg.visitors.set(s.visitorId, s.startedAt);
  }

  const visitorIds = [...new Set([...byMention.values()].flatMap((a) => [...a.visitors.keys()]))];
  const payments = visitorIds.length
    ? (
        await e.query<{ visitorId: string; net: number; paid: string }>(
          `SELECT visitor_id AS visitorId, amount - refunded AS net, toString(ts) AS paid FROM ${e.tables.payments} FINAL
           WHERE website_id = ${str(websiteId)} AND currency = ${str(website.currency ?? "USD")} AND visitor_id IN ${strs(visitorIds)}`,
        )
      ).map((p) => ({ visitorId: p.visitorId, net: p.net, timestamp: new Date(fromEngineTime(p.paid)) }))
    : [];

  const ops: AnyBulkWriteOperation[] = mentions.map((m) => {
    const agg = byMention.get(m._id);
    let revenue = 0;
    for (const [visitorId, firstVisit] of agg?.visitors ?? []) {
      for (const p of payments) {
        if (p.visitorId === visitorId && p.timestamp >= firstVisit) revenue += p.net;
      }
    }
    return { updateOne: { filter: { _id: m._id }, update: { $set: { visitors: agg?.visitors.size ?? 0, sessions: agg?.sessions ?? 0, revenue } } } };
  });
  await bulkWriteInChunks(Mention, ops, { ordered: false });
  return { mentions: mentions.length, visitors: [...byMention.values()].reduce((n, a) => n + a.visitors.size, 0) };
}
