import { Types } from "mongoose";
import { Commit } from "@/models/Commit";
import { Mention } from "@/models/Mention";
import type { Range } from "./period";

/** X mentions and GitHub commits in a range, for markers on the main chart. Times are UTC ISO. */
export type Markers = {
  /** visitors and revenue: what the post brought (t.co visits after it, lib/integrations/x); likes and reposts from X. */
  mentions: { id: string; time: string; text: string; author: string; url?: string; visitors: number; revenue: number; likes: number; reposts: number }[];
  commits: { id: string; time: string; message: string; author: string; url?: string; repo: string }[];
};

// A chart cannot show more than this many markers legibly; the newest are kept.
export const MARKER_LIMIT = 200;

type MentionRow = { tweetId: string; postedAt: Date; text?: string; authorHandle?: string; authorName?: string; url?: string; visitors?: number; revenue?: number; metrics?: { likes?: number; reposts?: number } };
type CommitRow = { sha: string; committedAt: Date; message?: string; author?: string; url?: string; repo: string };

export async function getMarkers(websiteId: string, range: Range): Promise<Markers> {
  const wid = new Types.ObjectId(websiteId);
  const [mentions, commits] = await Promise.all([
    Mention.find({ websiteId: wid, postedAt: { $gte: range.start, $lt: range.end } }, { tweetId: 1, postedAt: 1, text: 1, authorHandle: 1, authorName: 1, url: 1, visitors: 1, revenue: 1, metrics: 1 })
      .sort({ postedAt: -1 })
      .limit(MARKER_LIMIT)
      .lean<MentionRow[]>(),
    Commit.find({ websiteId: wid, committedAt: { $gte: range.start, $lt: range.end } }, { sha: 1, committedAt: 1, message: 1, author: 1, url: 1, repo: 1 })
      .sort({ committedAt: -1 })
      .limit(MARKER_LIMIT)
      .lean<CommitRow[]>(),
  ]);
  return {
    mentions: mentions.reverse().map((m) => ({
      id: m.tweetId,
      time: m.postedAt.toISOString(),
      text: m.text ?? "",
      author: m.authorHandle ? `@${m.authorHandle.replace(/^@/, "")}` : (m.authorName ?? "someone on X"),
      url: m.url ?? (m.authorHandle ? `https://x.com/${m.authorHandle.replace(/^@/, "")}/status/${m.tweetId}` : undefined),
      visitors: m.visitors ?? 0,
      revenue: m.revenue ?? 0,
      likes: m.metrics?.likes ?? 0,
      reposts: m.metrics?.reposts ?? 0,
    })),
    commits: commits.reverse().map((c) => ({
      id: c.sha,
      time: c.committedAt.toISOString(),
      // The subject line: a chart tooltip is no place for a commit body.
      message: (c.message ?? "").split("\n")[0],
      author: c.author ?? "unknown",
      url: c.url ?? `https://github.com/${c.repo}/commit/${c.sha}`,
      repo: c.repo,
    })),
  };
}
