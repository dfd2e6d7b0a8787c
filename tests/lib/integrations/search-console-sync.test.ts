// Search Console import against a local Google token endpoint and Search Console API, through googleapis' rootUrl.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto";
import { runIntegration } from "@/lib/integrations/jobs";
import { getKeywords } from "@/lib/integrations/search-console/get-keywords";
import { importRange } from "@/lib/integrations/search-console/sync";
import { Integration } from "@/models/Integration";
import { JobState } from "@/models/JobState";
import { SearchConsoleRow } from "@/models/SearchConsoleRow";
import { makePayment, makeVisit, makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";
import { startFakeGoogle } from "../../helpers/fake/google";

process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
process.env.TRAILMARK_SYNC_RETRY_BASE_MS = "10";
process.env.TRAILMARK_SYNC_MAX_WAIT_MS = "5000";
process.env.GOOGLE_CLIENT_ID = "client-id.apps.googleusercontent.com";
process.env.GOOGLE_CLIENT_SECRET = "client-secret";
useTestDatabase("gscsync");

const REFRESH = "1//refresh-token-abc";
let g: Awaited<ReturnType<typeof startFakeGoogle>>;
beforeAll(async () => {
  g = await startFakeGoogle({ refreshToken: REFRESH });
  process.env.TRAILMARK_GOOGLE_TOKEN_URL = `${g.url}/token`;
  process.env.TRAILMARK_GOOGLE_API_ROOT = `${g.url}/`;
});
afterAll(() => g?.close());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function site(token = REFRESH) {
  const website = await makeWebsite();
  await Integration.create({ websiteId: website._id, kind: "searchConsole", tokenEnc: encryptSecret(token) });
  return website;
}

describe("Search Console import", () => {
  it("imports 28 days of query/page rows on the first run, paging by startRow, then only the recent days", async () => {
    const website = await site();
    g.rows.length = 0;
    const page = (p: string) => `https://${website.domain}${p}`;
    g.rows.push(
      { date: day(-3), query: "revenue analytics", page: page("/pricing"), clicks: 10, impressions: 100, position: 3.2 },
      { date: day(-2), query: "revenue analytics", page: page("/pricing"), clicks: 6, impressions: 50, position: 2.8 },
      { date: day(-2), query: "plausible alternative", page: page("/"), clicks: 4, impressions: 200, position: 7.5 },
      { date: day(-40), query: "too old", page: page("/"), clicks: 1, impressions: 1, position: 9 },
    );
    const before = g.queries().length;
    const result = await runIntegration(website, "searchConsole");
    expect(result).toEqual({ status: "ok", summary: expect.stringContaining("3 query/page rows") });
    const q = g.queries().slice(before);
    expect(q[0].path).toBe(`/webmasters/v3/sites/sc-domain:${website.domain}/searchAnalytics/query`);
    expect(JSON.parse(q[0].body)).toMatchObject({ startDate: day(-28), endDate: day(-1), dimensions: ["date", "query", "page"] });
    expect(g.seen.some((r) => r.path === "/token" && new URLSearchParams(r.body).get("refresh_token") === REFRESH)).toBe(true);
    expect(await SearchConsoleRow.countDocuments({ websiteId: website._id })).toBe(3);
    expect(await SearchConsoleRow.findOne({ websiteId: website._id, query: "plausible alternative" }).lean()).toMatchObject({ path: "/", clicks: 4, impressions: 200, ctr: 0.02, position: 7.5 });

    // The next run re-imports only the last days (Search Console revises them) and adds no duplicates.
    g.rows[1].clicks = 8;
    const before2 = g.queries().length;
    expect((await runIntegration(website, "searchConsole")).status).toBe("ok");
    expect(JSON.parse(g.queries()[before2].body).startDate).toBe(importRange({ lastDate: day(-1) }).startDate);
    expect(await SearchConsoleRow.countDocuments({ websiteId: website._id })).toBe(3);
    expect((await SearchConsoleRow.findOne({ websiteId: website._id, date: day(-2), query: "revenue analytics" }).lean())?.clicks).toBe(8);
  });

  it("pages through large answers with startRow", async () => {
    const website = await site();
    g.rows.length = 0;
    for (let i = 0; i < 5; i++) g.rows.push({ date: day(-2), query: `q${i}`, page: `https://${website.domain}/p${i}`, clicks: i, impressions: 10, position: 1 });
    const { syncSearchConsole } = await import("@/lib/integrations/search-console/sync");
    const integration = (await Integration.findOne({ websiteId: website._id }).lean())!;
    const before = g.queries().length;
    await syncSearchConsole(integration as never, website, { rowLimit: 2 });
    expect(g.queries().slice(before).map((r) => JSON.parse(r.body).startRow)).toEqual([0, 2, 4]);
    expect(await SearchConsoleRow.countDocuments({ websiteId: website._id })).toBe(5);
  });

  it("joins keywords with visitors and revenue by landing page", async () => {
    const website = await site();
    g.rows.length = 0;
    g.rows.push(
      { date: day(-2), query: "revenue analytics", page: `https://${website.domain}/pricing`, clicks: 16, impressions: 150, position: 3 },
      { date: day(-2), query: "free analytics", page: `https://${website.domain}/blog/`, clicks: 2, impressions: 40, position: 11 },
    );
    await runIntegration(website, "searchConsole");
    const at = new Date(`${day(-2)}T10:00:00Z`);
    await makeVisit(website._id, at, { visitorId: "v1", paths: ["/pricing"] });
    await makeVisit(website._id, at, { visitorId: "v2", paths: ["/pricing", "/signup"] });
    await makeVisit(website._id, at, { visitorId: "v3", paths: ["/blog"] });
    await makeVisit(website._id, at, { visitorId: "v4", paths: ["/about"] });
    await makePayment(website._id, at, 2900, { visitorId: "v2", firstTouch: { entryPage: "/pricing" } });
    // Not the site's currency: left out, as on the dashboard.
    await makePayment(website._id, at, 1500, { visitorId: "v1", currency: "EUR", firstTouch: { entryPage: "/pricing" } });
    const rows = await getKeywords(website, day(-7), day(0));
    expect(rows).toEqual([
      expect.objectContaining({ query: "revenue analytics", path: "/pricing", clicks: 16, impressions: 150, landingVisitors: 2, landingRevenue: 2900 }),
      expect.objectContaining({ query: "free analytics", path: "/blog", clicks: 2, landingVisitors: 1, landingRevenue: 0 }),
    ]);
    expect(rows[0].ctr).toBeCloseTo(16 / 150);
  });

  it("stores a revoked grant (invalid_grant) as the job's error without throwing", async () => {
    const website = await site("1//revoked-refresh-token");
    const result = await runIntegration(website, "searchConsole");
    expect(result).toEqual({ status: "error", error: expect.stringContaining("connect it again") });
    expect((await JobState.findOne({ _id: `searchConsole:${website._id}` }).lean())?.lastError).toContain("revoked");
  });

  it("backs off on 429 with Retry-After and retries a 500", async () => {
    const website = await site();
    g.rows.length = 0;
    g.rows.push({ date: day(-2), query: "x", page: `https://${website.domain}/`, clicks: 1, impressions: 2, position: 1 });
    g.failNext((r) => (r.path.endsWith("/query") ? { status: 429, headers: { "retry-after": "1" }, body: { error: { code: 429, message: "Quota exceeded", status: "RESOURCE_EXHAUSTED" } } } : null));
    g.failNext((r) => (r.path.endsWith("/query") ? { status: 500, body: { error: { code: 500, message: "Backend Error" } } } : null));
    const before = g.queries().length;
    const r = await runIntegration(website, "searchConsole");
    expect(r, JSON.stringify(r)).toMatchObject({ status: "ok" });
    expect(g.queries().slice(before).map((r) => r.status)).toEqual([429, 500, 200]);
    expect(await SearchConsoleRow.countDocuments({ websiteId: website._id })).toBe(1);
  });
});
