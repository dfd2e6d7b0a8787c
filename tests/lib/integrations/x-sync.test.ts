// X mentions sync against a local server speaking X API v2 recent search, through twitter-api-v2.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto";
import { runIntegration } from "@/lib/integrations/jobs";
import { Integration } from "@/models/Integration";
import { JobState } from "@/models/JobState";
import { Mention } from "@/models/Mention";
import { makePayment, makeVisit, makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";
import { startFakeX } from "../../helpers/fake/x";

process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
process.env.TRAILMARK_SYNC_RETRY_BASE_MS = "10";
process.env.TRAILMARK_SYNC_MAX_WAIT_MS = "5000";
useTestDatabase("xsync");

const TOKEN = "AAAA-bearer-token-1";
let x: Awaited<ReturnType<typeof startFakeX>>;
beforeAll(async () => {
  x = await startFakeX({ token: TOKEN, pageSize: 2 });
  process.env.TRAILMARK_X_API_URL = `${x.url}/2/`;
  x.addUser("u1", "alice");
  x.addUser("u2", "bob");
});
afterAll(() => x?.close());

const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.parse("2026-11-01T12:00:00Z");

async function site(token = TOKEN) {
  const website = await makeWebsite();
  await Integration.create({ websiteId: website._id, kind: "x", query: `"${website.domain}"`, tokenEnc: encryptSecret(token) });
  return website;
}
const cursorOf = async (websiteId: unknown) => (await Integration.findOne({ _id: `${String(websiteId)}:x` }).lean())?.cursor as Record<string, string | undefined>;
const state = (websiteId: unknown) => JobState.findOne({ _id: `x:${String(websiteId)}` }).lean();

describe("X mentions sync", () => {
  it("first sync pages through every result and stores author, text, link, metrics and time", async () => {
    const website = await site();
    x.tweets.length = 0;
    for (let i = 1; i <= 5; i++) x.tweets.push({ id: String(1000 + i), text: `post ${i}`, author_id: i % 2 ? "u1" : "u2", created_at: iso(T0 + i * 60_000), likes: i });
    const before = x.searches().length;
    const result = await runIntegration(website, "x");
    expect(result).toEqual({ status: "ok", summary: expect.stringContaining("5 new mentions") });
    const searches = x.searches().slice(before);
    expect(searches).toHaveLength(3); // 2 + 2 + 1
    expect(searches[0].query.get("since_id")).toBeNull();
    expect(searches[1].query.get("next_token")).toBe("tok2");
    const stored = await Mention.find({ websiteId: website._id }).sort({ tweetId: 1 }).lean();
    expect(stored.map((m) => m.tweetId)).toEqual(["1001", "1002", "1003", "1004", "1005"]);
    expect(stored[0]).toMatchObject({ _id: `${website._id}:1001`, authorHandle: "alice", authorName: "ALICE", text: "post 1", url: "https://x.com/alice/status/1001", metrics: { likes: 1, reposts: 1, impressions: 100 } });
    expect(stored[1].postedAt.toISOString()).toBe(iso(T0 + 2 * 60_000));
    expect(await cursorOf(website._id)).toEqual({ sinceId: "1005" });
    expect(await state(website._id)).toMatchObject({ lastResult: expect.stringContaining("5 new"), lockedUntil: new Date(0) });
  });

  it("incremental sync asks only for posts newer than the newest stored, and de-duplicates re-seen posts", async () => {
    const website = await site();
    x.tweets.length = 0;
    for (let i = 1; i <= 3; i++) x.tweets.push({ id: String(2000 + i), text: `old ${i}`, author_id: "u1", created_at: iso(T0 + i * 60_000) });
    await runIntegration(website, "x");
    x.tweets.push({ id: "2010", text: "new one", author_id: "u2", created_at: iso(T0 + 3_600_000) });
    const before = x.searches().length;
    const second = await runIntegration(website, "x");
    expect(second).toMatchObject({ status: "ok", summary: expect.stringContaining("1 new mention (1 seen)") });
    expect(x.searches().slice(before).map((r) => r.query.get("since_id"))).toEqual(["2003"]);
    expect(await Mention.countDocuments({ websiteId: website._id })).toBe(4);

    // A search that returns known posts again (cursor lost) adds nothing and refreshes their metrics.
    await Integration.updateOne({ _id: `${website._id}:x` }, { $unset: { cursor: 1 } });
    x.tweets.find((t) => t.id === "2001")!.likes = 42;
    const third = await runIntegration(website, "x");
    expect(third).toMatchObject({ status: "ok", summary: expect.stringContaining("0 new mentions (4 seen)") });
    expect(await Mention.countDocuments({ websiteId: website._id })).toBe(4);
    expect((await Mention.findOne({ _id: `${website._id}:2001` }).lean())?.metrics?.likes).toBe(42);
  });

  it("waits out a short 429 using its reset header and finishes the same run", async () => {
    const website = await site();
    x.tweets.length = 0;
    for (let i = 1; i <= 4; i++) x.tweets.push({ id: String(3000 + i), text: `t${i}`, author_id: "u1", created_at: iso(T0 + i * 1000) });
    x.failNext((req) => !req.query.get("next_token") ? null : ({ status: 429, headers: { "x-rate-limit-limit": "450", "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(Math.ceil(Date.now() / 1000) + 1) }, body: { title: "Too Many Requests", status: 429 } }));
    // The run's clock is injected: it asks to sleep until just past the reset, and goes on.
    const waits: number[] = [];
    const result = await runIntegration(website, "x", { sleep: async (ms) => void waits.push(ms) });
    expect(result.status).toBe("ok");
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(250);
    expect(waits[0]).toBeLessThanOrEqual(2_250);
    expect(await Mention.countDocuments({ websiteId: website._id })).toBe(4);
  });

  it("stops on a long rate limit, keeps what it fetched, and the next run resumes from the saved page", async () => {
    const website = await site();
    x.tweets.length = 0;
    for (let i = 1; i <= 5; i++) x.tweets.push({ id: String(4000 + i), text: `r${i}`, author_id: "u1", created_at: iso(T0 + i * 1000) });
    const reset = Math.ceil(Date.now() / 1000) + 900;
    x.failNext((req) => (req.query.get("next_token") ? { status: 429, headers: { "x-rate-limit-limit": "450", "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(reset) }, body: { title: "Too Many Requests" } } : null));
    const result = await runIntegration(website, "x");
    expect(result).toMatchObject({ status: "error", error: expect.stringContaining("rate limit") });
    const s = await state(website._id);
    expect(s?.lastError).toContain("rate limit");
    expect(s?.nextRunAt?.getTime()).toBe(reset * 1000);
    expect(await Mention.countDocuments({ websiteId: website._id })).toBe(2); // page 1 kept
    expect(await cursorOf(website._id)).toEqual({ nextToken: "tok2", pendingNewestId: "4005" });

    const before = x.searches().length;
    const resumed = await runIntegration(website, "x");
    expect(resumed.status).toBe("ok");
    expect(x.searches()[before].query.get("next_token")).toBe("tok2");
    expect(await Mention.countDocuments({ websiteId: website._id })).toBe(5);
    expect(await cursorOf(website._id)).toEqual({ sinceId: "4005" });
    expect((await state(website._id))?.lastError).toBeUndefined();
  });

  it("records a revoked token as the job's error without throwing, and keeps stored mentions", async () => {
    const website = await site("revoked-token-xyz");
    await Mention.create({ websiteId: website._id, tweetId: "5001", text: "kept", postedAt: new Date(T0) });
    const result = await runIntegration(website, "x");
    expect(result).toEqual({ status: "error", error: expect.stringContaining("401") });
    expect((await state(website._id))?.lastError).toMatch(/revoked/);
    expect(await Mention.countDocuments({ websiteId: website._id })).toBe(1);
  });

  it("retries a 503 and reports a persistent 5xx as an error", async () => {
    const website = await site();
    x.tweets.length = 0;
    x.tweets.push({ id: "6001", text: "a", author_id: "u1", created_at: iso(T0) });
    x.failNext({ status: 503, body: { title: "Service Unavailable" } });
    expect((await runIntegration(website, "x")).status).toBe("ok");
    expect(await Mention.countDocuments({ websiteId: website._id })).toBe(1);
    for (let i = 0; i < 3; i++) x.failNext({ status: 500, body: { title: "Internal Error" } });
    expect(await runIntegration(website, "x")).toEqual({ status: "error", error: expect.stringContaining("500") });
  });

  it("never runs the same website's sync twice at once", async () => {
    const website = await site();
    x.tweets.length = 0;
    x.failNext({ status: 429, headers: { "x-rate-limit-limit": "450", "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(Math.ceil(Date.now() / 1000) + 1) }, body: {} });
    // The first run holds its lock while it waits out the rate limit, on a clock the test releases.
    let asleep = () => {};
    const sleeping = new Promise<void>((r) => (asleep = r));
    let wake = () => {};
    const first = runIntegration(website, "x", { sleep: () => new Promise<void>((r) => ((wake = r), asleep())) });
    await sleeping;
    const second = await runIntegration(website, "x");
    wake();
    expect(second.status).toBe("busy");
    expect((await first).status).toBe("ok");
  });

  it("credits a post linking to the site with the t.co visits after it and what those visitors paid", async () => {
    const website = await site();
    const posted = Date.now() - 5 * 3_600_000;
    x.tweets.length = 0;
    x.tweets.push({ id: "7001", text: "launch!", author_id: "u1", created_at: iso(posted), urls: [`https://${website.domain}/pricing`] });
    x.tweets.push({ id: "7002", text: "unrelated link", author_id: "u2", created_at: iso(posted), urls: ["https://elsewhere.example/"] });
    const tco = { referrerDomain: "t.co", channel: "Organic Social" };
    await makeVisit(website._id, new Date(posted + 3_600_000), { visitorId: "buyer", paths: ["/pricing"], context: tco });
    await makeVisit(website._id, new Date(posted + 2 * 3_600_000), { visitorId: "browser", paths: ["/pricing", "/docs"], context: tco });
    await makeVisit(website._id, new Date(posted - 3_600_000), { visitorId: "before", paths: ["/pricing"], context: tco }); // before the post
    await makeVisit(website._id, new Date(posted + 3_600_000), { visitorId: "googler", paths: ["/pricing"], context: { referrerDomain: "google.com" } });
    await makePayment(website._id, new Date(posted + 4 * 3_600_000), 4900, { visitorId: "buyer" });
    await makePayment(website._id, new Date(posted - 2 * 3_600_000), 9900, { visitorId: "before" });
    expect((await runIntegration(website, "x")).status).toBe("ok");
    const linked = await Mention.findOne({ _id: `${website._id}:7001` }).lean();
    expect(linked).toMatchObject({ links: [`https://${website.domain}/pricing`], visitors: 2, sessions: 2, revenue: 4900 });
    expect(await Mention.findOne({ _id: `${website._id}:7002` }).lean()).toMatchObject({ links: [], visitors: 0, revenue: 0 });
  });
});
