// The install check's API over HTTP: the events a site's tag sent, kept and
// dropped with the reason, newest first and bounded; the page check's guard
// on which pages it reads; and "Send a test event" without a secret, for an
// unknown provider and for someone else's site.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, expectApiError, uniqueDomain, type WebsiteBody } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { newUser, type Client } from "../../helpers/client";
import { expectAccepted, expectDropped, postTrack, UA } from "../../helpers/track";

let app: TestApp;
let owner: Client;
let site: WebsiteBody;

type Received = { at: string; type: string; hostname: string; path: string; name?: string; accepted: boolean; reason?: string };

beforeAll(async () => {
  app = await startApp({ label: "install_api" });
  ({ client: owner } = await newUser(app.url, "Owner"));
  site = await createSite(owner, { domain: uniqueDomain("verify") });
  const res = await owner.patch(`/api/websites/${site.id}`, { settings: { excludePaths: ["/admin/**"] } });
  expect(res.status, await res.text()).toBe(200);
});
afterAll(async () => {
  await app?.stop();
});

const at = (url: string, extra: Record<string, unknown> = {}) => ({ type: "pageview", websiteId: site.id, url, ...extra });
const received = async (client: Client, id = site.id) => {
  const res = await client.get(`/api/websites/${id}/received`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { events: Received[] }).events;
};

describe("GET /api/websites/{id}/received", () => {
  it("lists what the tag sent, newest first, each drop with its reason, and no query string", async () => {
    await expectAccepted(await postTrack(app.url, at(`https://${site.domain}/pricing?email=a@b.c`)));
    await expectDropped(await postTrack(app.url, at("http://localhost:3000/dev")), "localhost");
    await expectDropped(await postTrack(app.url, at(`https://${site.domain}/admin/users`)), "excluded_path");
    await expectDropped(await postTrack(app.url, at("https://copycat.example.net/")), "hostname_mismatch");
    await expectDropped(await postTrack(app.url, at(`https://${site.domain}/`), { "user-agent": UA.googlebot }), "bot");
    await expectAccepted(await postTrack(app.url, at(`https://${site.domain}/`, { type: "goal", name: "signup" })));

    const events = await received(owner);
    expect(events.map((e) => [e.type, e.hostname, e.path, e.accepted, e.reason ?? null])).toEqual([
      ["goal", site.domain, "/", true, null],
      ["pageview", site.domain, "/", false, "bot"],
      ["pageview", "copycat.example.net", "/", false, "hostname_mismatch"],
      ["pageview", site.domain, "/admin/users", false, "excluded_path"],
      ["pageview", "localhost", "/dev", false, "localhost"],
      ["pageview", site.domain, "/pricing", true, null],
    ]);
    expect(events[0].name).toBe("signup");
    expect(JSON.stringify(events)).not.toContain("email");
  });

  it("keeps the last 20 per site", async () => {
    for (let i = 0; i < 25; i++) await expectDropped(await postTrack(app.url, at(`http://127.0.0.1/p${i}`)), "localhost");
    const events = await received(owner);
    expect(events).toHaveLength(20);
    expect(events[0].path).toBe("/p24");
    expect(events[19].path).toBe("/p5");
  });

  it("is another user's 404", async () => {
    const { client: stranger } = await newUser(app.url, "Stranger");
    await expectApiError(await stranger.get(`/api/websites/${site.id}/received`), 404);
    await expectApiError(await stranger.post(`/api/websites/${site.id}/verify`, {}), 404);
  });
});

describe("POST /api/websites/{id}/verify", () => {
  it("reads only the site's own pages", async () => {
    await expectApiError(await owner.post(`/api/websites/${site.id}/verify`, { url: "http://169.254.169.254/latest/meta-data/" }), 400, "url_not_on_site");
    await expectApiError(await owner.post(`/api/websites/${site.id}/verify`, { url: "not a url" }), 400);
  });

  it("says why a page on the site's domain could not be read (it does not resolve here)", async () => {
    const res = await owner.post(`/api/websites/${site.id}/verify`, {});
    expect(res.status).toBe(200);
    const body = (await res.json()) as { page: unknown; failures: { url: string; code: string }[] };
    expect(body.page).toBeNull();
    expect(body.failures.map((f) => f.url)).toEqual([`https://${site.domain}/`, `http://${site.domain}/`]);
    for (const f of body.failures) expect(["unreachable", "refused_address", "timeout"]).toContain(f.code);
  });
});

describe("POST /api/websites/{id}/payment-providers/{provider}/test", () => {
  it("needs a saved secret and a known provider", async () => {
    await expectApiError(await owner.post(`/api/websites/${site.id}/payment-providers/stripe/test`), 404, "provider_not_configured");
    await expectApiError(await owner.post(`/api/websites/${site.id}/payment-providers/paypal/test`), 404, "not_found");
  });

  it("is another user's 404", async () => {
    const { client: stranger } = await newUser(app.url, "Stranger 2");
    await expectApiError(await stranger.post(`/api/websites/${site.id}/payment-providers/stripe/test`), 404);
  });
});
