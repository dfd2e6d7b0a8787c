import { startFakeServer } from "./server";

export type FakeTweet = { id: string; text: string; author_id: string; created_at: string; urls?: string[]; likes?: number };

/**
 * X API v2 recent search as documented: newest first, since_id, max_results,
 * next_token pagination, includes.users, x-rate-limit-* headers, 401 on a bad
 * bearer token.
 */
export async function startFakeX(opts: { token: string; pageSize?: number }) {
  const tweets: FakeTweet[] = [];
  const users = new Map<string, { id: string; username: string; name: string }>();
  let remaining = 450;
  const rateHeaders = () => ({ "x-rate-limit-limit": "450", "x-rate-limit-remaining": String(Math.max(0, --remaining)), "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 900) });
  const server = await startFakeServer((req) => {
    if (req.path !== "/2/tweets/search/recent") return { status: 404, body: { title: "Not Found Error", status: 404 } };
    if (req.headers.authorization !== `Bearer ${opts.token}`) return { status: 401, body: { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" } };
    const since = req.query.get("since_id");
    const size = Math.min(opts.pageSize ?? 100, Number(req.query.get("max_results") ?? 10));
    const all = tweets.filter((t) => !since || BigInt(t.id) > BigInt(since)).sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const offset = Number(req.query.get("next_token")?.replace("tok", "") ?? 0);
    const page = all.slice(offset, offset + size);
    const next = offset + size < all.length ? `tok${offset + size}` : undefined;
    const meta = page.length ? { newest_id: page[0].id, oldest_id: page[page.length - 1].id, result_count: page.length, ...(next ? { next_token: next } : {}) } : { result_count: 0 };
    const data = page.map((t) => ({
      id: t.id,
      text: t.text,
      author_id: t.author_id,
      created_at: t.created_at,
      edit_history_tweet_ids: [t.id],
      public_metrics: { like_count: t.likes ?? 0, retweet_count: 1, reply_count: 0, quote_count: 0, impression_count: 100 },
      ...(t.urls ? { entities: { urls: t.urls.map((u, i) => ({ start: i, end: i + 23, url: `https://t.co/x${i}`, expanded_url: u, display_url: u })) } } : {}),
    }));
    const includeUsers = [...new Set(page.map((t) => t.author_id))].map((id) => users.get(id)).filter(Boolean);
    return { status: 200, headers: rateHeaders(), body: page.length ? { data, includes: { users: includeUsers }, meta } : { meta } };
  });
  return {
    ...server,
    tweets,
    addUser: (id: string, username: string) => users.set(id, { id, username, name: username.toUpperCase() }),
    searches: () => server.seen.filter((r) => r.path === "/2/tweets/search/recent"),
  };
}
