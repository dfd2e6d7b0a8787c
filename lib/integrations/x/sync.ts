import type { AnyBulkWriteOperation } from "mongoose";
import type { TweetV2, UserV2 } from "twitter-api-v2";
import { bulkWriteInChunks } from "@/lib/bulk-write";
import { decryptSecret } from "@/lib/crypto";
import { JobError, type JobOutcome } from "@/lib/jobs/run-job";
import { Integration, type IntegrationDoc } from "@/models/Integration";
import { Mention, mentionKey } from "@/models/Mention";
import { callWithBackoff, type BackoffOptions } from "../backoff";
import { classifyXError, xClient } from "./client";
import { matchMentionVisits } from "./match-visits";

/**
 * Where the search stands. `sinceId` is the newest tweet of the last complete
 * sync. A sync pages from newest to oldest, so sinceId only moves once every
 * page is in; until then `nextToken` and `pendingNewestId` let an interrupted
 * sync (rate limit, crash) continue where it stopped.
 */
export type XCursor = { sinceId?: string; nextToken?: string; pendingNewestId?: string };

const MAX_PAGES = 10; // 1,000 posts per run; the rest follow on the next run through nextToken

const newer = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : BigInt(a) >= BigInt(b) ? a : b);

/** Links of a post that point at the site or one of its subdomains. */
export function siteLinks(tweet: TweetV2, domain: string): string[] {
  const out: string[] = [];
  for (const u of tweet.entities?.urls ?? []) {
    const href = u.unwound_url || u.expanded_url;
    try {
      const host = new URL(href).hostname.replace(/^www\./, "");
      if (host === domain || host.endsWith(`.${domain}`)) out.push(href);
    } catch {
      // not a URL
    }
  }
  return out;
}

function toOp(websiteId: unknown, domain: string, tweet: TweetV2, users: Map<string, UserV2>): AnyBulkWriteOperation {
  const author = tweet.author_id ? users.get(tweet.author_id) : undefined;
  const m = tweet.public_metrics;
  return {
    updateOne: {
      filter: { _id: mentionKey(websiteId, tweet.id) },
      update: {
        // Metrics change after the post: refreshed whenever the search sees it again.
        $set: {
          text: tweet.text,
          metrics: { likes: m?.like_count ?? 0, reposts: m?.retweet_count ?? 0, replies: m?.reply_count ?? 0, impressions: m?.impression_count ?? 0 },
          links: siteLinks(tweet, domain),
          authorHandle: author?.username,
          authorName: author?.name,
        },
        $setOnInsert: {
          websiteId,
          tweetId: tweet.id,
          authorId: tweet.author_id,
          url: `https://x.com/${author?.username ?? "i/web"}/status/${tweet.id}`,
          postedAt: tweet.created_at ? new Date(tweet.created_at) : new Date(),
          visitors: 0,
          sessions: 0,
          revenue: 0,
        },
      },
      upsert: true,
    },
  };
}

export async function syncMentions(integration: IntegrationDoc, website: { _id: unknown; domain: string }, opts: BackoffOptions = {}): Promise<JobOutcome> {
  if (!integration.tokenEnc || !integration.query) throw new JobError("Set a search query and a bearer token first.", { code: "not_configured" });
  const client = xClient(decryptSecret(integration.tokenEnc));
  const cursor: XCursor = { ...(integration.cursor as XCursor | undefined) };
  let added = 0;
  let seen = 0;
  const saveCursor = () => Integration.updateOne({ _id: integration._id }, { $set: { cursor } });

  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await callWithBackoff(
      "X",
      () =>
        client.v2.search(integration.query!, {
          max_results: 100,
          ...(cursor.sinceId ? { since_id: cursor.sinceId } : {}),
          ...(cursor.nextToken ? { next_token: cursor.nextToken } : {}),
          "tweet.fields": ["created_at", "public_metrics", "entities", "author_id"],
          expansions: ["author_id"],
          "user.fields": ["username", "name"],
        }),
      classifyXError,
      opts,
    ).catch(async (err) => {
      await saveCursor(); // pages already stored stay stored; the next run continues from here
      throw err;
    });
    const tweets = result.tweets;
    const users = new Map((result.includes.users ?? []).map((u) => [u.id, u]));
    if (tweets.length) {
      const ids = tweets.map((t) => mentionKey(website._id, t.id));
      const known = new Set((await Mention.find({ _id: { $in: ids } }, { _id: 1 }).lean()).map((d) => String(d._id)));
      added += ids.filter((id) => !known.has(id)).length;
      seen += tweets.length;
      await bulkWriteInChunks(Mention, tweets.map((t) => toOp(website._id, website.domain, t, users)), { ordered: false });
    }
    cursor.pendingNewestId = newer(cursor.pendingNewestId, result.meta.newest_id);
    // undefined would be stored as null: absent keys keep the cursor's shape exact.
    if (result.meta.next_token) cursor.nextToken = result.meta.next_token;
    else delete cursor.nextToken;
    if (!cursor.nextToken) break;
    await saveCursor();
  }
  if (!cursor.nextToken) {
    cursor.sinceId = newer(cursor.sinceId, cursor.pendingNewestId);
    delete cursor.pendingNewestId;
  }
  await saveCursor();
  const matched = await matchMentionVisits(website);
  const more = cursor.nextToken ? " (more pages left; continuing next run)" : "";
  return {
    summary: `${added} new mention${added === 1 ? "" : "s"} (${seen} seen)${more}; ${matched.visitors} visitors from linked posts`,
    nextRunAt: cursor.nextToken ? new Date(Date.now() + 60_000) : undefined,
  };
}
