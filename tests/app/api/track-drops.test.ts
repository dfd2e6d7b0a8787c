// Every drop reason over HTTP: 202, `X-Trailmark-Dropped: <reason>`, nothing
// stored. Settings are saved through the dashboard API (PATCH) before the
// site's first event, since the ingest cache keeps a website's settings 30 s.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, uniqueDomain } from "../../helpers/api";
import { startApp, type TestApp } from "../../helpers/app";
import { newUser, type Client } from "../../helpers/client";
import { eventually } from "../../helpers/eventually";
import { countsFor, expectAccepted, expectDropped, flushBarrier, NOTHING, openDb, postTrack, UA, uid } from "../../helpers/track";

type Site = { websiteId: string; domain: string };
type Deployment = { app: TestApp; db: mongoose.Connection; owner: Client; barrier: Site };

/** Behind a proxy: the operator trusts X-Forwarded-For. */
let proxied: Deployment;
/** Directly on the internet: no header is trusted, the socket address is the client. */
let direct: Deployment;

async function deploy(label: string, env: Record<string, string> = {}): Promise<Deployment> {
  const app = await startApp({ label, env });
  const db = await openDb(app.dbUri);
  const { client } = await newUser(app.url, "Owner");
  const d = { app, db, owner: client } as Deployment;
  d.barrier = await siteWith(d, {});
  return d;
}

beforeAll(async () => {
  [proxied, direct] = await Promise.all([deploy("dropsproxied", { TRUSTED_IP_HEADER: "x-forwarded-for" }), deploy("dropsdirect")]);
});
afterAll(async () => {
  for (const d of [proxied, direct]) {
    await d?.db.close();
    await d?.app.stop();
  }
});

/** A fresh website whose settings are saved through PATCH /api/websites/{id} before any event names it. */
async function siteWith(d: Deployment, settings: Record<string, unknown>): Promise<Site> {
  const site = await createSite(d.owner, { domain: uniqueDomain("drop") });
  if (Object.keys(settings).length) {
    const res = await d.owner.patch(`/api/websites/${site.id}`, { settings });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(JSON.parse(text).website.settings).toMatchObject(settings);
  }
  return { websiteId: site.id, domain: site.domain };
}

const pageview = (site: Site, path = "/", extra: Record<string, unknown> = {}) => ({ type: "pageview", websiteId: site.websiteId, url: `https://${site.domain}${path}`, ...extra });
const oid = (id: string) => new mongoose.Types.ObjectId(id);

/** The buffer has flushed and the site holds nothing at all, not even firstEventAt. */
async function expectNothingStored(d: Deployment, site: Site) {
  await flushBarrier(d.app.url, d.db, d.barrier);
  expect(await countsFor(d.db, site.websiteId)).toEqual(NOTHING);
  expect((await d.db.collection("websites").findOne({ _id: oid(site.websiteId) }))?.firstEventAt).toBeUndefined();
}

/** The site holds exactly the pageviews at `paths` (accepted controls), and nothing the drops sent. */
async function expectOnlyPaths(d: Deployment, site: Site, paths: string[]) {
  await eventually(async () => {
    const stored = await d.db.collection("pageviews").find({ websiteId: oid(site.websiteId) }).toArray();
    expect(stored.map((p) => p.path).sort()).toEqual([...paths].sort());
  });
  // A later flush must not bring anything the drops sent.
  await flushBarrier(d.app.url, d.db, d.barrier);
  const counts = await countsFor(d.db, site.websiteId);
  expect(counts.pageviews).toBe(paths.length);
  expect(counts.goalevents).toBe(0);
  expect(counts.identities).toBe(0);
}

describe("bot", () => {
  it.each([
    ["Googlebot", UA.googlebot],
    ["HeadlessChrome", UA.headlessChrome],
    ["curl", UA.curl],
    ["no user agent at all", ""],
  ])("drops %s and stores nothing", async (_label, userAgent) => {
    const site = await siteWith(proxied, {});
    await expectDropped(await postTrack(proxied.app.url, pageview(site, "/bot"), { "user-agent": userAgent }), "bot");
    await expectDropped(await postTrack(proxied.app.url, { ...pageview(site, "/bot"), type: "goal", name: "signup" }, { "user-agent": userAgent }), "bot");
    await expectNothingStored(proxied, site);
  });

  it("drops Chrome whose UA was disguised but whose client hints name HeadlessChrome", async () => {
    const site = await siteWith(proxied, {});
    const res = await postTrack(proxied.app.url, pageview(site, "/hinted"), { "sec-ch-ua": '"HeadlessChrome";v="124", "Chromium";v="124"' });
    await expectDropped(res, "bot");
    await expectAccepted(await postTrack(proxied.app.url, pageview(site, "/control")));
    await expectOnlyPaths(proxied, site, ["/control"]);
  });
});

describe("dnt", () => {
  it("drops DNT: 1 and Sec-GPC: 1 when the site respects them", async () => {
    const site = await siteWith(proxied, { respectDnt: true });
    await expectDropped(await postTrack(proxied.app.url, pageview(site, "/dnt"), { dnt: "1" }), "dnt");
    await expectDropped(await postTrack(proxied.app.url, pageview(site, "/gpc"), { "sec-gpc": "1" }), "dnt");
    await expectDropped(await postTrack(proxied.app.url, { ...pageview(site, "/gpc-goal"), type: "goal", name: "buy" }, { "sec-gpc": "1" }), "dnt");
    await expectAccepted(await postTrack(proxied.app.url, pageview(site, "/control"), { dnt: "0" }));
    await expectOnlyPaths(proxied, site, ["/control"]);
  });

  it("accepts the same headers when the site does not ask to respect them", async () => {
    const site = await siteWith(proxied, { respectDnt: false });
    await expectAccepted(await postTrack(proxied.app.url, pageview(site, "/dnt"), { dnt: "1" }));
    await expectAccepted(await postTrack(proxied.app.url, pageview(site, "/gpc"), { "sec-gpc": "1" }));
    await expectOnlyPaths(proxied, site, ["/dnt", "/gpc"]);
  });
});

describe("excluded_ip (TRUSTED_IP_HEADER=x-forwarded-for)", () => {
  it("drops an exactly listed address, read from the leftmost X-Forwarded-For entry", async () => {
    const site = await siteWith(proxied, { excludeIps: ["203.0.113.9"] });
    await expectDropped(await postTrack(proxied.app.url, pageview(site, "/a"), { "x-forwarded-for": "203.0.113.9" }), "excluded_ip");
    await expectDropped(await postTrack(proxied.app.url, pageview(site, "/b"), { "x-forwarded-for": "203.0.113.9, 10.0.0.1" }), "excluded_ip");
    await expectAccepted(await postTrack(proxied.app.url, pageview(site, "/neighbour"), { "x-forwarded-for": "203.0.113.10" }));
    // Only the leftmost entry is the client; an excluded address further right is a proxy hop.
    await expectAccepted(await postTrack(proxied.app.url, pageview(site, "/proxy-last"), { "x-forwarded-for": "203.0.113.11, 203.0.113.9" }));
    await expectOnlyPaths(proxied, site, ["/neighbour", "/proxy-last"]);
  });

  it("drops addresses inside a listed CIDR range, IPv4 and IPv6", async () => {
    const site = await siteWith(proxied, { excludeIps: ["198.51.100.0/24", "2001:db8:abcd::/48"] });
    await expectDropped(await postTrack(proxied.app.url, pageview(site, "/v4"), { "x-forwarded-for": "198.51.100.77" }), "excluded_ip");
    await expectDropped(await postTrack(proxied.app.url, pageview(site, "/v4-port"), { "x-forwarded-for": "198.51.100.78:54321" }), "excluded_ip");
    await expectDropped(await postTrack(proxied.app.url, pageview(site, "/v6"), { "x-forwarded-for": "2001:db8:abcd:12::5" }), "excluded_ip");
    await expectAccepted(await postTrack(proxied.app.url, pageview(site, "/outside-v4"), { "x-forwarded-for": "198.51.101.1" }));
    await expectAccepted(await postTrack(proxied.app.url, pageview(site, "/outside-v6"), { "x-forwarded-for": "2001:db8:abce::5" }));
    await expectOnlyPaths(proxied, site, ["/outside-v4", "/outside-v6"]);
  });
});

describe("excluded_ip without TRUSTED_IP_HEADER: the socket address only", () => {
  it("drops the excluded socket address whatever X-Forwarded-For claims", async () => {
    const site = await siteWith(direct, { excludeIps: ["127.0.0.1"] });
    await expectDropped(await postTrack(direct.app.url, pageview(site, "/spoof"), { "x-forwarded-for": "203.0.113.50" }), "excluded_ip");
    await expectDropped(await postTrack(direct.app.url, pageview(site, "/plain")), "excluded_ip");
    await expectNothingStored(direct, site);
  });

  it("does not take the client IP from X-Forwarded-For (or the socket-IP header) when no header is trusted", async () => {
    const site = await siteWith(direct, { excludeIps: ["198.51.100.0/24"], excludeCountries: ["GB"] });
    await expectAccepted(await postTrack(direct.app.url, pageview(site, "/xff-ip"), { "x-forwarded-for": "198.51.100.77" }));
    await expectAccepted(await postTrack(direct.app.url, pageview(site, "/xff-country"), { "x-forwarded-for": "81.2.69.142" }));
    await expectAccepted(await postTrack(direct.app.url, pageview(site, "/real-ip"), { "x-real-ip": "198.51.100.77" }));
    // server.mjs overwrites this header with the socket address: a client cannot choose it.
    await expectAccepted(await postTrack(direct.app.url, pageview(site, "/socket-header"), { "x-trailmark-socket-ip": "198.51.100.77" }));
    await expectAccepted(await postTrack(direct.app.url, pageview(site, "/socket-header-gb"), { "x-trailmark-socket-ip": "81.2.69.142" }));
    await expectOnlyPaths(direct, site, ["/xff-ip", "/xff-country", "/real-ip", "/socket-header", "/socket-header-gb"]);
    // 127.0.0.1 has no location: none of the forged addresses reached geo.
    const countries = await direct.db.collection("pageviews").distinct("country", { websiteId: oid(site.websiteId) });
    expect(countries).toEqual([]);
  });
});

describe("excluded_country", () => {
  it("drops a visitor whose trusted-header IP the bundled database places in an excluded country", async () => {
    const site = await siteWith(proxied, { excludeCountries: ["GB"] });
    await expectDropped(await postTrack(proxied.app.url, pageview(site, "/uk"), { "x-forwarded-for": "81.2.69.142" }), "excluded_country");
    await expectAccepted(await postTrack(proxied.app.url, pageview(site, "/se"), { "x-forwarded-for": "89.160.20.112" }));
    await expectOnlyPaths(proxied, site, ["/se"]);
    const stored = await proxied.db.collection("pageviews").findOne({ websiteId: oid(site.websiteId) });
    expect(stored?.country).toBe("SE");
  });
});

describe("excluded_hostname", () => {
  it("drops events from a listed hostname and keeps the site's other hosts", async () => {
    const domain = uniqueDomain("hosts");
    const created = await createSite(proxied.owner, { domain });
    const res = await proxied.owner.patch(`/api/websites/${created.id}`, { settings: { excludeHostnames: [`staging.${domain}`, `*.preview.${domain}`] } });
    expect(res.status, await res.text()).toBe(200);
    const site = { websiteId: created.id, domain };
    const at = (host: string, path: string) => ({ type: "pageview", websiteId: site.websiteId, url: `https://${host}${path}` });
    await expectDropped(await postTrack(proxied.app.url, at(`staging.${domain}`, "/staging")), "excluded_hostname");
    await expectDropped(await postTrack(proxied.app.url, at(`pr-12.preview.${domain}`, "/preview")), "excluded_hostname");
    await expectAccepted(await postTrack(proxied.app.url, at(domain, "/apex")));
    await expectAccepted(await postTrack(proxied.app.url, at(`www.${domain}`, "/www")));
    await expectOnlyPaths(proxied, site, ["/apex", "/www"]);
  });
});

describe("excluded_path", () => {
  it("drops pages matching a glob: ** crosses segments (and matches the folder), * stays in one", async () => {
    const site = await siteWith(proxied, { excludePaths: ["/admin/**", "/drafts/*"] });
    for (const path of ["/admin", "/admin/", "/admin/users/42", "/drafts/new-post", "/admin/settings?tab=billing"]) {
      await expectDropped(await postTrack(proxied.app.url, pageview(site, path)), "excluded_path");
    }
    for (const path of ["/administrator", "/drafts/a/b", "/blog/admin"]) {
      await expectAccepted(await postTrack(proxied.app.url, pageview(site, path)));
    }
    await expectOnlyPaths(proxied, site, ["/administrator", "/drafts/a/b", "/blog/admin"]);
  });
});

describe("hostname_mismatch", () => {
  it("drops events from other domains (copied snippets, look-alikes, localhost) and keeps subdomains", async () => {
    const site = await siteWith(proxied, {});
    const at = (host: string, path: string) => ({ type: "pageview", websiteId: site.websiteId, url: `https://${host}${path}` });
    await expectDropped(await postTrack(proxied.app.url, at(`other-${uid()}.example.org`, "/other")), "hostname_mismatch");
    await expectDropped(await postTrack(proxied.app.url, at(`evil${site.domain}`, "/lookalike")), "hostname_mismatch");
    await expectDropped(await postTrack(proxied.app.url, at(`${site.domain}.evil.net`, "/suffix")), "hostname_mismatch");
    await expectDropped(await postTrack(proxied.app.url, { type: "pageview", websiteId: site.websiteId, url: "http://localhost:3000/dev" }), "localhost");
    await expectAccepted(await postTrack(proxied.app.url, at(`blog.${site.domain}`, "/sub")));
    await expectAccepted(await postTrack(proxied.app.url, at(site.domain.toUpperCase(), "/apex")));
    await expectOnlyPaths(proxied, site, ["/sub", "/apex"]);
  });

  it("accepts a host the owner allowed explicitly", async () => {
    const site = await siteWith(proxied, { allowedHostnames: ["shop.partner.example.net"] });
    await expectAccepted(await postTrack(proxied.app.url, { type: "pageview", websiteId: site.websiteId, url: "https://shop.partner.example.net/checkout" }));
    await expectDropped(await postTrack(proxied.app.url, { type: "pageview", websiteId: site.websiteId, url: "https://partner.example.net/" }), "hostname_mismatch");
    await expectOnlyPaths(proxied, site, ["/checkout"]);
  });
});

describe("scroll_disabled", () => {
  it("drops scroll events of a site that does not track scroll depth (the default)", async () => {
    const site = await siteWith(proxied, {});
    await expectAccepted(await postTrack(proxied.app.url, pageview(site, "/article", { visitorId: "v1", sessionId: "s1" })));
    await expectDropped(await postTrack(proxied.app.url, { ...pageview(site, "/article", { visitorId: "v1", sessionId: "s1" }), type: "scroll", scrollDepth: 80 }), "scroll_disabled");
    await expectOnlyPaths(proxied, site, ["/article"]);
    const pv = await proxied.db.collection("pageviews").findOne({ websiteId: oid(site.websiteId) });
    expect(pv?.scrollDepth).toBeUndefined();
    // The dropped scroll is no event of the session either.
    // Sessions are written at the buffer's checkpoint, which may come a moment after the pageview.
    await eventually(async () => expect(await proxied.db.collection("sessions").findOne({ websiteId: oid(site.websiteId) })).toMatchObject({ events: 1, pageviews: 1 }));
  });
});
