// Analytics imports through the dashboard API: Plausible and Umami uploads and GA4 through the Google
// connection (a local fake of the Data API); bad files refused whole; idempotent; deletable.
import http from "node:http";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, uniqueDomain } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { newUser } from "../../helpers/client";
import { eventually } from "../../helpers/eventually";
import { ga4Api } from "../../helpers/fake/ga4";
import { startFakeGoogle } from "../../helpers/fake/google";
import { fixtureFiles, plausibleZip } from "../../helpers/imports";
import { openDb } from "../../helpers/track";

const REFRESH = "1//ga4-refresh-token";
let app: TestApp;
let db: mongoose.Connection;
let google: Awaited<ReturnType<typeof startFakeGoogle>>;
const ga4 = ga4Api({
  "987654": [
    { date: "2025-06-01", dims: { sessionSource: "google", sessionMedium: "organic", pagePath: "/", landingPage: "/", countryId: "DE", browser: "Chrome", operatingSystem: "Windows", deviceCategory: "desktop", sessionCampaignName: "(organic)" }, users: 40, sessions: 50, views: 120, bounces: 20, seconds: 3000 },
    { date: "2025-06-01", dims: { sessionSource: "(direct)", sessionMedium: "(none)", pagePath: "/pricing", landingPage: "/pricing", countryId: "US", browser: "Safari", operatingSystem: "iOS", deviceCategory: "mobile", sessionCampaignName: "(direct)" }, users: 10, sessions: 10, views: 15, bounces: 8, seconds: 200 },
    { date: "2025-06-02", dims: { sessionSource: "newsletter", sessionMedium: "email", pagePath: "/blog", landingPage: "/blog", countryId: "FR", browser: "Firefox", operatingSystem: "Linux", deviceCategory: "desktop", sessionCampaignName: "june" }, users: 30, sessions: 35, views: 70, bounces: 10, seconds: 2100 },
  ],
}, 2);
let owner: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  google = await startFakeGoogle({ refreshToken: REFRESH, code: "ga4-code", api: ga4.route });
  app = await startApp({
    label: "imports",
    env: {
      TRAILMARK_IMPORT_MAX_MB: "1",
      TRAILMARK_GOOGLE_TOKEN_URL: `${google.url}/token`,
      TRAILMARK_GOOGLE_AUTH_URL: `${google.url}/auth`,
      TRAILMARK_GOOGLE_API_ROOT: `${google.url}/`,
      GOOGLE_CLIENT_ID: "cid.apps.googleusercontent.com",
      GOOGLE_CLIENT_SECRET: "csecret",
    },
  });
  db = await openDb(app.dbUri);
  owner = await newUser(app.url);
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
  await google?.close();
});

type Job = { id: string; source: string; status: string; progress: number; from: string | null; to: string | null; error?: string; rows: number };
const newSite = async (timezone = "UTC") => (await createSite(owner.client, { domain: uniqueDomain("hist"), timezone })).id;
const upload = (siteId: string, source: string, bytes: Uint8Array, name = "export.zip") => {
  const form = new FormData();
  form.set("source", source);
  form.set("file", new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${app.url}/api/websites/${siteId}/imports`, { method: "POST", body: form, headers: { origin: app.url, cookie: owner.client.cookieHeader() } });
};
const jobs = async (siteId: string) => ((await (await owner.client.get(`/api/websites/${siteId}/imports`)).json()) as { imports: Job[] }).imports;
const finished = (siteId: string, id: string) =>
  eventually(async () => {
    const job = (await jobs(siteId)).find((j) => j.id === id)!;
    expect(["done", "failed"]).toContain(job.status);
    return job;
  }, 60_000);
const overview = async (siteId: string, q: string) => (await (await owner.client.get(`/api/websites/${siteId}/stats/overview?${q}`)).json()) as { visitors: number; pageviews: number; imported: { included: boolean } | null };

describe("file imports", () => {
  it("imports a Plausible export as a job the dashboard then shows; the same file again is the same import; delete removes it", async () => {
    const siteId = await newSite();
    const res = await upload(siteId, "plausible", plausibleZip());
    expect(res.status, await res.clone().text()).toBe(202);
    const { id, duplicate } = (await res.json()) as { id: string; duplicate: boolean };
    expect(duplicate).toBe(false);
    expect(await finished(siteId, id)).toMatchObject({ source: "plausible", status: "done", progress: 1, from: "2026-03-01", to: "2026-03-03" });

    expect(await overview(siteId, "from=2026-03-01&to=2026-03-03")).toMatchObject({ visitors: 250, pageviews: 590, imported: { included: true } });
    expect(await overview(siteId, "from=2026-03-01&to=2026-03-03&imported=false")).toMatchObject({ visitors: 0, imported: null });

    const again = (await (await upload(siteId, "plausible", plausibleZip())).json()) as { id: string; duplicate: boolean };
    expect(again).toEqual({ id, duplicate: true });
    expect(await jobs(siteId)).toHaveLength(1);

    const del = await owner.client.delete(`/api/websites/${siteId}/imports/${id}`);
    expect(await del.json()).toEqual({ status: "removed" });
    expect(await jobs(siteId)).toEqual([]);
    expect(await overview(siteId, "from=2026-03-01&to=2026-03-03")).toMatchObject({ visitors: 0, imported: null });
    await expectApiError(await owner.client.delete(`/api/websites/${siteId}/imports/${id}`), 404, "not_found");
  });

  it("imports Umami's event export in the site's time zone", async () => {
    const siteId = await newSite("Asia/Tokyo");
    const res = await upload(siteId, "umami", new TextEncoder().encode(fixtureFiles("umami")["website_events.csv"]), "website_events.csv");
    expect(res.status, await res.clone().text()).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(await finished(siteId, id)).toMatchObject({ status: "done", from: "2026-03-05", to: "2026-03-06" });
    expect(await overview(siteId, "from=2026-03-05&to=2026-03-06")).toMatchObject({ visitors: 3, pageviews: 5 });
  });

  it("refuses a wrong file, a cut-off zip, unknown columns and an oversized upload whole, with a clear error", async () => {
    const siteId = await newSite();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const wrong = await expectApiError(await upload(siteId, "plausible", png, "logo.png"), 400, "invalid_file");
    expect(wrong.error.message).toMatch(/not a zip/);
    const zip = plausibleZip();
    await expectApiError(await upload(siteId, "plausible", zip.slice(0, zip.length - 200)), 400, "invalid_zip");
    const extra = await expectApiError(await upload(siteId, "plausible", plausibleZip((f) => (f["imported_devices_20260301_20260303.csv"] = f["imported_devices_20260301_20260303.csv"].replace("pageviews", "pageviews,revenue")))), 400, "unknown_columns");
    expect(extra.error.message).toContain("imported_devices_20260301_20260303.csv: unknown column revenue");
    await expectApiError(await upload(siteId, "matomo", zip), 400, "invalid_input");
    await expectApiError(await upload(siteId, "plausible", new Uint8Array(1_100_000).fill(65)), 413, "file_too_large");
    expect(await jobs(siteId)).toEqual([]);
    expect(await db.collection("imports").countDocuments({ websiteId: new mongoose.Types.ObjectId(siteId) })).toBe(0);
  });

  it("answers a declared 2 GB upload with 413 before reading it", async () => {
    const siteId = await newSite();
    const url = new URL(`/api/websites/${siteId}/imports`, app.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(url, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(2 * 1024 ** 3), origin: app.url, cookie: owner.client.cookieHeader() } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", reject);
      req.write("--x\r\n");
    });
    expect(status).toBe(413);
  });
});

describe("GA4", () => {
  it("imports a GA4 property through the Google connection, by day and dimension, paged", async () => {
    const siteId = await newSite();
    await expectApiError(await owner.client.post(`/api/websites/${siteId}/imports`, { source: "ga4", propertyId: "987654" }), 400, "google_not_connected");
    // Connect Google as settings does (the consent now also asks for Analytics read access).
    const start = await owner.client.get(`/api/websites/${siteId}/integrations/search-console/connect`);
    const consent = new URL(start.headers.get("location")!);
    expect(consent.searchParams.get("scope")).toContain("https://www.googleapis.com/auth/analytics.readonly");
    const back = await owner.client.get(`/api/integrations/google/callback?code=ga4-code&state=${encodeURIComponent(consent.searchParams.get("state")!)}`);
    expect(back.status).toBe(302);

    await expectApiError(await owner.client.post(`/api/websites/${siteId}/imports`, { source: "ga4", propertyId: "G-XXXX" }), 400, "invalid_input");
    const res = await owner.client.post(`/api/websites/${siteId}/imports`, { source: "ga4", propertyId: "987654", from: "2025-06-01", to: "2025-06-30" });
    expect(res.status, await res.clone().text()).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(await finished(siteId, id)).toMatchObject({ source: "ga4", status: "done", from: "2025-06-01", to: "2025-06-02" });
    expect(await overview(siteId, "from=2025-06-01&to=2025-06-30")).toMatchObject({ visitors: 80, pageviews: 205, imported: { included: true } });
    const sources = (await (await owner.client.get(`/api/websites/${siteId}/stats/breakdown?from=2025-06-01&to=2025-06-30&dimension=utm_source`)).json()) as { rows: { value: string; visitors: number }[] };
    expect(Object.fromEntries(sources.rows.map((r) => [r.value, r.visitors]))).toEqual({ google: 40, newsletter: 30, "(none)": 10 });
    expect(ga4.reports.some((r) => r.property === "987654" && r.offset > 0)).toBe(true);

    // A property the account cannot read fails the job with Google's reason.
    const denied = (await (await owner.client.post(`/api/websites/${siteId}/imports`, { source: "ga4", propertyId: "111", from: "2024-01-01", to: "2024-01-31" })).json()) as { id: string };
    expect(await finished(siteId, denied.id)).toMatchObject({ status: "failed", error: expect.stringContaining("refused access") });
  });
});
