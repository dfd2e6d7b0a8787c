import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { Commit } from "@/models/Commit";
import { Mention } from "@/models/Mention";

export type MentionMarker = { id: string; at: string; author: string | null; text: string; url: string | null; likes: number; reposts: number; visitors: number; revenue: number };
export type CommitMarker = { id: string; at: string; repo: string; sha: string; message: string; author: string | null; url: string | null };

/** Mentions and commits in [from, to), for the chart's markers and the mentions list. */
export async function getMarkers(websiteId: unknown, from: Date, to: Date): Promise<{ mentions: MentionMarker[]; commits: CommitMarker[] }> {
  await connectDb();
  const wid = new Types.ObjectId(String(websiteId));
  const [mentions, commits] = await Promise.all([
    Mention.find({ websiteId: wid, postedAt: { $gte: from, $lt: to } }).sort({ postedAt: -1 }).limit(500).lean(),
    Commit.find({ websiteId: wid, committedAt: { $gte: from, $lt: to } }).sort({ committedAt: -1 }).limit(500).lean(),
  ]);
  return {
    mentions: mentions.map((m) => ({
      id: m.tweetId,
      at: m.postedAt.toISOString(),
      author: m.authorHandle ?? null,
      text: m.text ?? "",
      url: m.url ?? null,
      likes: m.metrics?.likes ?? 0,
      reposts: m.metrics?.reposts ?? 0,
      visitors: m.visitors ?? 0,
      revenue: m.revenue ?? 0,
    })),
    commits: commits.map((c) => ({ id: String(c._id), at: c.committedAt.toISOString(), repo: c.repo, sha: c.sha, message: (c.message ?? "").split("\n")[0], author: c.author ?? null, url: c.url ?? null })),
  };
}
