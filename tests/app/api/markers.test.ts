// GET /api/websites/{id}/markers over real HTTP: X mentions and GitHub commits
// of the chart's range, for the owner only.
import { beforeAll, describe, expect, it } from "vitest";
import { Commit, Mention } from "@/models";
import { expectApiError } from "../../helpers/api";
import { json, useV1 } from "../../helpers/api-v1";
import { Client, newUser } from "../../helpers/client";

const t = useV1("markers");
type Body = { mentions: { id: string; time: string; text: string; author: string; url?: string }[]; commits: { id: string; time: string; message: string; author: string; url?: string; repo: string }[] };

beforeAll(async () => {
  // Site A is in UTC (the default): Mar 9 is [Mar 9 00:00Z, Mar 10 00:00Z).
  await Mention.create([
    { websiteId: t.a.oid, tweetId: "111", authorHandle: "ada", text: "Trying Trailmark today", url: "https://x.com/ada/status/111", postedAt: new Date("2026-03-09T10:00:00Z"), visitors: 14, revenue: 4900, metrics: { likes: 31, reposts: 4 } },
    { websiteId: t.a.oid, tweetId: "112", authorName: "No Handle", postedAt: new Date("2026-03-10T00:00:00Z") },
    { websiteId: t.b.oid, tweetId: "999", authorHandle: "other", text: "site B", postedAt: new Date("2026-03-09T10:00:00Z") },
  ]);
  await Commit.create([
    { websiteId: t.a.oid, repo: "acme/app", sha: "abc123", message: "Ship pricing page\n\nLong body", author: "bob", committedAt: new Date("2026-03-09T23:59:59Z") },
    { websiteId: t.a.oid, repo: "acme/app", sha: "old", message: "before", author: "bob", committedAt: new Date("2026-03-08T23:59:59Z") },
  ]);
});

describe("GET /api/websites/{id}/markers", () => {
  const path = (qs: string, id = t.a.id) => `/api/websites/${id}/markers?${qs}`;

  it("returns the range's mentions and commits, subject lines only, with links", async () => {
    const body = await json<Body>(await t.owner.client.get(path("from=2026-03-09&to=2026-03-09")), 200);
    expect(body.mentions).toEqual([{ id: "111", time: "2026-03-09T10:00:00.000Z", text: "Trying Trailmark today", author: "@ada", url: "https://x.com/ada/status/111", visitors: 14, revenue: 4900, likes: 31, reposts: 4 }]);
    expect(body.commits).toEqual([{ id: "abc123", time: "2026-03-09T23:59:59.000Z", message: "Ship pricing page", author: "bob", url: "https://github.com/acme/app/commit/abc123", repo: "acme/app" }]);
  });

  it("covers a longer range oldest first and names authors without a handle", async () => {
    const body = await json<Body>(await t.owner.client.get(path("from=2026-03-08&to=2026-03-10")), 200);
    expect(body.mentions.map((m) => [m.id, m.author])).toEqual([["111", "@ada"], ["112", "No Handle"]]);
    expect(body.commits.map((c) => c.id)).toEqual(["old", "abc123"]);
  });

  it("rejects a bad range with 400", async () => {
    await expectApiError(await t.owner.client.get(path("from=2026-03-10&to=2026-03-01")), 400, "invalid_input");
  });

  it("is a 404 for someone else's website and a 401 without a session", async () => {
    const stranger = await newUser(t.app.url, "Stranger");
    await expectApiError(await stranger.client.get(path("from=2026-03-09")), 404);
    await expectApiError(await new Client(t.app.url).get(path("from=2026-03-09")), 401);
  });
});
