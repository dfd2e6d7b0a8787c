// Integration settings, "run now", Search Console OAuth, keywords, markers and email reports over real HTTP,
// with the app's SDKs pointed at local X, GitHub, Google and SMTP servers.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, uniqueDomain, type WebsiteBody } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { newUser } from "../../helpers/client";
import { startFakeGithub } from "../../helpers/fake/github";
import { startFakeGoogle } from "../../helpers/fake/google";
import { startFakeX } from "../../helpers/fake/x";
import { startSmtp } from "../../helpers/smtp";

const X_TOKEN = "AAAA-route-test-bearer";
const GH_TOKEN = "ghp_route_test_token_1";
const REFRESH = "1//route-refresh-token";
let app: TestApp;
let db: mongoose.Connection;
let user: Awaited<ReturnType<typeof newUser>>;
let site: WebsiteBody;
let x: Awaited<ReturnType<typeof startFakeX>>;
let gh: Awaited<ReturnType<typeof startFakeGithub>>;
let g: Awaited<ReturnType<typeof startFakeGoogle>>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const domain = uniqueDomain("integ");

beforeAll(async () => {
  [x, gh, g, smtp] = await Promise.all([
    startFakeX({ token: X_TOKEN }),
    startFakeGithub({ token: GH_TOKEN }),
    startFakeGoogle({ refreshToken: REFRESH, code: "auth-code-1", sites: ["https://unrelated.example/", `sc-domain:${domain}`] }),
    startSmtp(),
  ]);
  app = await startApp({
    label: "integrations",
    env: {
      TRAILMARK_SCHEDULER: "off",
      TRAILMARK_X_API_URL: `${x.url}/2/`,
      TRAILMARK_GITHUB_API_URL: gh.url,
      TRAILMARK_GOOGLE_TOKEN_URL: `${g.url}/token`,
      TRAILMARK_GOOGLE_AUTH_URL: `${g.url}/auth`,
      TRAILMARK_GOOGLE_API_ROOT: `${g.url}/`,
      GOOGLE_CLIENT_ID: "cid.apps.googleusercontent.com",
      GOOGLE_CLIENT_SECRET: "csecret",
      SMTP_URL: smtp.url,
      TRAILMARK_SYNC_RETRY_BASE_MS: "10",
    },
  });
  db = await mongoose.createConnection(app.dbUri).asPromise();
  user = await newUser(app.url);
  site = await createSite(user.client, { domain });
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
  await Promise.all([x?.close(), gh?.close(), g?.close(), smtp?.close()]);
});

const base = () => `/api/websites/${site.id}/integrations`;
type Integrations = { x: { configured: boolean; query: string | null; job: Record<string, string | null> }; github: { configured: boolean; repos: string[]; job: Record<string, string | null> }; searchConsole: { connected: boolean; siteUrl: string | null; job: Record<string, string | null> } };
const get = async () => ((await (await user.client.get(base())).json()) as { integrations: Integrations }).integrations;

describe("integration settings", () => {
  it("saves a query and token, stores the token encrypted, and never returns it", async () => {
    const res = await user.client.patch(base(), { x: { query: `"${domain}"`, bearerToken: X_TOKEN } });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(text).not.toContain(X_TOKEN);
    expect(JSON.parse(text).integrations.x).toMatchObject({ configured: true, query: `"${domain}"` });
    const doc = await db.collection("integrations").findOne({ _id: `${site.id}:x` as never });
    expect(doc?.tokenEnc).toMatch(/^v1\./);
    expect(JSON.stringify(doc)).not.toContain(X_TOKEN);
    expect(await (await user.client.get(base())).text()).not.toContain(X_TOKEN);
  });

  it("rejects invalid input, cross-origin writes and other people's websites", async () => {
    await expectApiError(await user.client.patch(base(), { github: { repos: ["not a repo"] } }), 400, "invalid_input");
    await expectApiError(await user.client.patch(base(), { x: { bearerToken: "short" } }), 400, "invalid_input");
    await expectApiError(await user.client.withOrigin("https://evil.example").patch(base(), { x: { query: "x" } }), 403, "cross_origin_request");
    await expectApiError(await user.client.withOrigin(null).post(`${base()}/x/run`), 403, "cross_origin_request");
    const stranger = await newUser(app.url, "Stranger");
    await expectApiError(await stranger.client.get(base()), 404, "not_found");
    await expectApiError(await stranger.client.post(`${base()}/x/run`), 404, "not_found");
    await expectApiError(await user.client.post(`${base()}/mastodon/run`), 404, "not_found");
    await expectApiError(await user.client.post(`${base()}/github/run`), 409, "not_configured");
  });
});

describe("run now", () => {
  it("syncs X mentions and shows the result as the job's last run", async () => {
    x.addUser("u9", "fan");
    x.tweets.push({ id: "9001", text: `love ${domain}`, author_id: "u9", created_at: new Date(Date.now() - 3_600_000).toISOString(), urls: [`https://${domain}/`] });
    const res = await user.client.post(`${base()}/x/run`);
    const body = (await res.json()) as { result: { status: string }; integrations: Integrations };
    expect(res.status).toBe(200);
    expect(body.result.status).toBe("ok");
    expect(body.integrations.x.job.lastResult).toContain("1 new mention");
    expect(body.integrations.x.job.lastRunAt).not.toBeNull();
    const markers = (await (await user.client.get(`/api/websites/${site.id}/markers`)).json()) as { mentions: { id: string; author: string }[] };
    expect(markers.mentions).toEqual([expect.objectContaining({ id: "9001", author: "@fan" })]);
  });

  it("shows a revoked GitHub token as the job's error; the app keeps serving", async () => {
    gh.addRepo("acme/web").commits.push({ sha: "a".repeat(40), message: "init", login: "dev", date: new Date().toISOString() });
    expect((await user.client.patch(base(), { github: { repos: ["acme/web"], token: "ghp_revoked_000000" } })).status).toBe(200);
    const res = await user.client.post(`${base()}/github/run`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { status: string } }).result.status).toBe("error");
    expect((await get()).github.job.lastError).toMatch(/401.*revoked/);

    expect((await user.client.patch(base(), { github: { token: GH_TOKEN } })).status).toBe(200);
    await user.client.post(`${base()}/github/run`);
    const after = await get();
    expect(after.github.job.lastError).toBeNull();
    expect(after.github.job.lastResult).toBe("1 new commit from 1 repository");
    const markers = (await (await user.client.get(`/api/websites/${site.id}/markers`)).json()) as { commits: { id: string; repo: string }[] };
    expect(markers.commits).toEqual([expect.objectContaining({ id: "a".repeat(40), repo: "acme/web" })]);
  });
});

describe("Search Console", () => {
  it("connects through Google's consent flow, imports, and serves the keywords panel's data", async () => {
    const start = await user.client.get(`${base()}/search-console/connect`);
    expect(start.status).toBe(302);
    const consent = new URL(start.headers.get("location")!);
    expect(consent.origin + consent.pathname).toBe(`${g.url}/auth`);
    expect(consent.searchParams.get("scope")).toBe("https://www.googleapis.com/auth/webmasters.readonly https://www.googleapis.com/auth/analytics.readonly");
    expect(consent.searchParams.get("access_type")).toBe("offline");
    const state = consent.searchParams.get("state")!;

    // Someone else's session cannot complete this user's connection.
    const stranger = await newUser(app.url, "Other");
    const hijack = await stranger.client.get(`/api/integrations/google/callback?code=auth-code-1&state=${encodeURIComponent(state)}`);
    expect(hijack.headers.get("location")).toContain("searchConsole=invalid_state");

    const back = await user.client.get(`/api/integrations/google/callback?code=auth-code-1&state=${encodeURIComponent(state)}`);
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe(`${app.url}/dashboard/${site.id}/settings?searchConsole=connected#integrations`);
    const sc = (await get()).searchConsole;
    expect(sc).toMatchObject({ connected: true, siteUrl: `sc-domain:${domain}` });
    const doc = await db.collection("integrations").findOne({ _id: `${site.id}:searchConsole` as never });
    expect(JSON.stringify(doc)).not.toContain(REFRESH);

    const d = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    g.rows.push({ date: d, query: "trailmark analytics", page: `https://${domain}/`, clicks: 12, impressions: 300, position: 4 });
    const run = await user.client.post(`${base()}/search-console/run`);
    expect(((await run.json()) as { result: { status: string } }).result.status).toBe("ok");
    const kw = (await (await user.client.get(`/api/websites/${site.id}/keywords`)).json()) as { rows: { query: string; clicks: number; path: string }[] };
    expect(kw.rows).toEqual([expect.objectContaining({ query: "trailmark analytics", clicks: 12, path: "/" })]);
    await expectApiError(await user.client.get(`/api/websites/${site.id}/keywords?from=yesterday`), 400, "invalid_input");
  });
});

describe("email reports", () => {
  it("toggles per user, sends one now, and unsubscribes through the signed link (GET asks, POST does)", async () => {
    let res = await user.client.patch("/api/account/email-reports", { weekly: true });
    expect(await res.json()).toMatchObject({ weekly: true, monthly: false, email: user.email, smtpConfigured: true });
    res = await user.client.post("/api/account/email-reports/send", { kind: "weekly" });
    expect(res.status).toBe(200);
    const mail = smtp.messages.at(-1)!;
    expect(mail.to).toBe(user.email);
    expect(mail.html).toContain(domain);
    const link = /Unsubscribe: (\S+)/.exec(mail.text)![1];
    const path = link.replace(new URL(link).origin, "");

    const ask = await fetch(app.url + path);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain("<form method=\"post\"");
    expect(await (await user.client.get("/api/account/email-reports")).json()).toMatchObject({ weekly: true });

    const forged = path.replace(/t=[^&]+/, "t=forged");
    expect((await fetch(app.url + forged, { method: "POST" })).status).toBe(400);
    const done = await fetch(app.url + path, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(done.status).toBe(200);
    expect(await (await user.client.get("/api/account/email-reports")).json()).toMatchObject({ weekly: false });
  });
});
