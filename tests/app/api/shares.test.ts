// Shared dashboards: public links to one site's aggregates, with an optional
// password and expiry, revocable, rate limited, and never telling one unknown
// token from another.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, uniqueDomain } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { Client, newUser } from "../../helpers/client";
import { expectAccepted, postTrack } from "../../helpers/track";

let app: TestApp;
let db: mongoose.Connection;
let owner: Awaited<ReturnType<typeof newUser>>;
let site: { id: string; domain: string };

type Share = { id: string; url: string; label: string | null; hasPassword: boolean; expiresAt: string | null; expired: boolean };

beforeAll(async () => {
  app = await startApp({ label: "shares", env: { TRAILMARK_RATE_LIMITS: "share-ip=60,share-password=3" } });
  db = await mongoose.createConnection(app.dbUri).asPromise();
  owner = await newUser(app.url, "Sharer");
  site = await createSite(owner.client, { domain: uniqueDomain("shared") });
  await expectAccepted(await postTrack(app.url, { type: "pageview", websiteId: site.id, url: `https://${site.domain}/pricing`, visitorId: "visitor-secret-1" }));
  await expectAccepted(await postTrack(app.url, { type: "identify", websiteId: site.id, url: `https://${site.domain}/`, visitorId: "visitor-secret-1", userId: "user-42", email: "buyer@customer.example" }));
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

const share = async (body: Record<string, unknown> = {}) => {
  const res = await owner.client.post(`/api/websites/${site.id}/shares`, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Share;
};
const tokenOf = (s: Share) => new URL(s.url).pathname.split("/").pop()!;
/** A visitor with no session. All share the test's client IP, whose budget is raised to 60 a minute above. */
const anon = () => new Client(app.url);

describe("public stats", () => {
  it("answers the v1 shapes (with the dashboard's comparison) and nothing personal", async () => {
    const s = await share({ label: "Investors" });
    expect(s).toMatchObject({ label: "Investors", hasPassword: false, expiresAt: null });
    const base = `/api/share/${tokenOf(s)}/stats`;
    const overview = (await (await anon().get(`${base}/overview?period=7d`)).json()) as Record<string, unknown>;
    for (const k of ["visitors", "sessions", "pageviews", "bounceRate", "avgSessionDuration", "revenue", "payments", "conversionRate", "revenuePerVisitor", "currency"]) expect(overview).toHaveProperty(k);
    const timeseries = (await (await anon().get(`${base}/timeseries?period=7d`)).json()) as { interval: string; points: unknown[] };
    expect(timeseries.interval).toBe("day");
    expect(timeseries.points.length).toBeGreaterThan(0);
    const res = await anon().get(`${base}/breakdown?period=7d&dimension=page&filter=page:contains:/pri`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const breakdown = (await res.json()) as { dimension: string; rows: { value: string }[] };
    expect(breakdown.dimension).toBe("page");
    const all = JSON.stringify([overview, timeseries, breakdown]);
    expect(all).not.toMatch(/visitor-secret-1|user-42|buyer@customer/);
    await expectApiError(await anon().get(`${base}/breakdown?dimension=nope`), 400, "invalid_input");
    // The dashboard's one-request load answers the same parts behind the same gate (once the tracked visit is counted).
    await expect.poll(async () => ((await (await anon().get(`${base}/overview?period=7d`)).json()) as { visitors: number }).visitors, { interval: 500, timeout: 20_000 }).toBe(1);
    const parts = ["overview?period=7d", "timeseries?period=7d", "breakdown?period=7d&dimension=page&filter=page:contains:/pri"];
    const alone = await Promise.all(parts.map(async (p) => (await anon().get(`${base}/${p}`)).json()));
    const loaded = await anon().get(`${base}/dashboard?${parts.map((p) => `part=${encodeURIComponent(p)}`).join("&")}`);
    expect(loaded.headers.get("cache-control")).toContain("no-store");
    expect(await loaded.json()).toEqual({ parts: alone.map((data) => ({ ok: true, data })) });
  });

  it("the page renders the dashboard and may be framed anywhere; dashboards may not be framed", async () => {
    const s = await share();
    const page = await anon().get(new URL(s.url).pathname);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toBe("frame-ancestors *");
    expect(page.headers.get("x-frame-options")).toBeNull();
    expect((await page.text()).replaceAll("<!-- -->", "")).toContain(`Shared dashboard of ${site.domain}`);
    const dash = await owner.client.get(`/dashboard/${site.id}`);
    expect(dash.headers.get("x-frame-options")).toBe("DENY");
    expect(dash.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
  });

  it("a revoked, an expired, a forged and a never-issued token are the same 404", async () => {
    const revoked = await share();
    expect((await anon().get(`/api/share/${tokenOf(revoked)}/stats/overview`)).status).toBe(200);
    expect((await owner.client.delete(`/api/websites/${site.id}/shares/${revoked.id}`)).status).toBe(204);
    const expiring = await share({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await db.collection("shares").updateOne({ _id: new mongoose.Types.ObjectId(expiring.id) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const forged = `${tokenOf(expiring).split(".")[0]}.AAAAAAAAAAAAAAAAAAAAAA`;
    const bodies = [];
    for (const token of [tokenOf(revoked), tokenOf(expiring), forged, "nothing-here"]) {
      const res = await anon().get(`/api/share/${token}/stats/overview`);
      bodies.push((await expectApiError(res, 404, "not_found")).error.message);
      expect((await anon().get(`/share/${token}`)).status).toBe(404);
    }
    expect(new Set(bodies).size).toBe(1);
    await expectApiError(await owner.client.post(`/api/websites/${site.id}/shares`, { expiresAt: "2001-01-01T00:00:00Z" }), 400, "invalid_input");
  });

  it("goes with its site", async () => {
    const other = await createSite(owner.client, { domain: uniqueDomain("gone") });
    const res = await owner.client.post(`/api/websites/${other.id}/shares`, {});
    const s = (await res.json()) as Share;
    expect((await owner.client.delete(`/api/websites/${other.id}`)).status).toBe(204);
    expect(await db.collection("shares").countDocuments({ _id: new mongoose.Types.ObjectId(s.id) })).toBe(0);
    await expectApiError(await anon().get(`/api/share/${tokenOf(s)}/stats/overview`), 404, "not_found");
  });
});

describe("a password link", () => {
  it("answers 401 until the password is given, then remembers it in cookies scoped to that link", async () => {
    const s = await share({ password: "open sesame" });
    const other = await share();
    expect(s.hasPassword).toBe(true);
    const token = tokenOf(s);
    const visitor = anon();
    await expectApiError(await visitor.get(`/api/share/${token}/stats/overview`), 401, "password_required");
    await expectApiError(await visitor.get(`/api/share/${token}/stats/dashboard?part=overview`), 401, "password_required");
    expect(await (await visitor.get(`/share/${token}`)).text()).toContain("This dashboard is protected");
    await expectApiError(await visitor.post(`/api/share/${token}/unlock`, { password: "wrong" }), 401, "wrong_password");
    const res = await visitor.post(`/api/share/${token}/unlock`, { password: "open sesame" });
    expect(res.status).toBe(204);
    const cookies = res.headers.getSetCookie();
    expect(cookies.map((c) => /Path=([^;]+)/.exec(c)?.[1]).sort()).toEqual([`/api/share/${token}`, `/share/${token}`]);
    for (const c of cookies) expect(c).toMatch(/HttpOnly/);
    // The test client sends every cookie it holds; a browser sends each only under its path (tests/e2e/teams.test.ts).
    expect((await visitor.get(`/api/share/${token}/stats/overview`)).status).toBe(200);
    expect(await (await visitor.get(`/share/${token}`)).text()).not.toContain("This dashboard is protected");
    // The cookie proves this link's password only.
    const cookie = cookies[0].split(";")[0];
    const stranger = await fetch(`${app.url}/api/share/${token}/stats/overview`, { headers: { cookie: cookie.replace(/=.*/, "=forged") } });
    expect(stranger.status).toBe(401);
    expect((await anon().get(`/api/share/${tokenOf(other)}/stats/overview`)).status).toBe(200);
  });

  it("limits wrong passwords (429 with Retry-After) and keeps refusing the right one until the wait is over", async () => {
    const s = await share({ password: "right one" });
    const token = tokenOf(s);
    for (let i = 0; i < 3; i++) await expectApiError(await anon().post(`/api/share/${token}/unlock`, { password: `guess ${i}` }), 401, "wrong_password");
    const limited = await anon().post(`/api/share/${token}/unlock`, { password: "right one" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectApiError(limited, 429, "rate_limited");
  });
});

describe("managing links", () => {
  it("lists links with their URL again, never the password", async () => {
    await share({ password: "listed secret" });
    const { shares } = (await (await owner.client.get(`/api/websites/${site.id}/shares`)).json()) as { shares: Share[] };
    expect(shares.length).toBeGreaterThan(0);
    expect(JSON.stringify(shares)).not.toContain("listed secret");
    for (const s of shares) expect(s.url).toMatch(new RegExp(`^${app.url}/share/`));
    await expectApiError(await owner.client.delete(`/api/websites/${site.id}/shares/0123456789abcdef01234567`), 404, "not_found");
  });
});

describe("rate limit", () => {
  it("public calls past the per-IP budget answer 429 with Retry-After, for known and unknown tokens alike", async () => {
    const s = await share();
    let limited: Response | null = null;
    // The budget refills a call a second: the bound leaves room for a slow machine, and the loop stops at the first 429.
    for (let i = 0; i < 200 && !limited; i++) {
      const res = await anon().get(i % 2 ? `/api/share/${tokenOf(s)}/stats/overview` : "/api/share/unknown/stats/overview");
      if (res.status === 429) limited = res;
      else await res.body?.cancel();
    }
    expect(limited).not.toBeNull();
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectApiError(limited!, 429, "rate_limited");
  });
});
