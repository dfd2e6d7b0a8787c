// "Proxy on your own domain", end to end: real Chromium opens a customer's page
// through a CDN edge and the customer's own rewriting proxy, which forwards
// /js/script.js and /api/track to the production server. On this machine every
// client is 127.0.0.1, so the edge plays the CDN that names the real visitor.
import mongoose from "mongoose";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookupGeo } from "@/lib/ingest/geo";
import { startApp, type TestApp } from "../helpers/app";
import { hydrated, launchBrowser, screenshot } from "../helpers/browser";
import { newUser } from "../helpers/client";
import { eventually } from "../helpers/eventually";
import { startEdge, startRewriteProxy, type RunningProxy } from "../helpers/rewrite-proxy";

const VISITOR_IP = "81.2.69.142"; // Bracknell, England, GB in the bundled database
const SHOP = "shop.trailmark.test";
// A desktop Chrome: HeadlessChrome's own user agent is dropped as a bot.
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

let trusted: TestApp;
let untrusted: TestApp;
let browser: Browser;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  [trusted, untrusted, browser] = await Promise.all([
    startApp({ label: "e2e_proxy", env: { TRUSTED_IP_HEADER: "x-forwarded-for" } }),
    startApp({ label: "e2e_proxy_untrusted" }),
    launchBrowser(["--host-resolver-rules=MAP *.trailmark.test 127.0.0.1"]),
  ]);
});
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  await browser?.close();
  await Promise.all([trusted?.stop(), untrusted?.stop()]);
});

/** The first non-empty answer of `read`, waiting for it as long as a slow machine needs. */
const found = <T>(read: () => Promise<T | null | undefined>, what: string): Promise<T> =>
  eventually(async () => {
    const value = await read();
    expect(value, what).toBeTruthy();
    return value!;
  });

async function ownerWithShop(app: TestApp) {
  const owner = await newUser(app.url, "Shop Owner");
  const res = await owner.client.post("/api/websites", { domain: SHOP, name: "Shop" });
  expect(res.status).toBe(201);
  const { website } = (await res.json()) as { website: { id: string; domain: string } };
  expect(website.domain).toBe(SHOP);
  return { owner, website };
}

const shopPage = (websiteId: string) =>
  `<!doctype html><html><head><title>Shop</title>` +
  `<script defer src="/js/script.js" data-website-id="${websiteId}" data-domain="${SHOP}" data-api="/api/track"></script>` +
  `</head><body><h1>Welcome to the shop</h1></body></html>`;

/** Opens the shop at the edge in a fresh context and waits until its pageview is stored. */
async function visitThroughProxies(app: TestApp) {
  const { owner, website } = await ownerWithShop(app);
  const site = await startRewriteProxy({ upstream: app.url, pages: { "/": shopPage(website.id) } });
  const edge = await startEdge({ origin: site.url, clientIp: VISITOR_IP });
  const db = await mongoose.createConnection(app.dbUri).asPromise();
  const context: BrowserContext = await browser.newContext({ userAgent: UA });
  cleanup.push(() => site.close(), () => edge.close(), () => db.close(), () => context.close());

  const contacted: string[] = [];
  context.on("request", (r) => contacted.push(r.url()));
  const page = await context.newPage();
  const shopOrigin = `http://${SHOP}:${edge.port}`;
  await page.goto(`${shopOrigin}/`);
  await page.getByText("Welcome to the shop").waitFor();

  const websiteId = new mongoose.Types.ObjectId(website.id);
  const pageview = await found(() => db.collection("pageviews").findOne({ websiteId }), "the pageview");
  const session = await found(() => db.collection("sessions").findOne({ websiteId }), "the session");
  return { app, owner, website, site, edge, db, context, contacted, shopOrigin, pageview, session };
}

describe("a customer page served through a rewriting proxy on its own domain", () => {
  it("counts the visitor with the visitor's country when TRUSTED_IP_HEADER names the proxy's header", async () => {
    const v = await visitThroughProxies(trusted);
    const geo = lookupGeo(VISITOR_IP);
    expect(geo.country).toBe("GB");

    expect(v.pageview).toMatchObject({ hostname: SHOP, path: "/", ...geo });
    expect(v.session).toMatchObject({ entryPage: "/", pageviews: 1, ...geo });
    expect(v.session.visitorId).toBe(v.pageview.visitorId);

    // Trailmark was reached only through the customer's proxy, which appended
    // its peer (the edge) to the X-Forwarded-For the CDN set, as nginx does.
    const appPort = new URL(v.app.url).port;
    expect(v.contacted).toEqual(expect.arrayContaining([`${v.shopOrigin}/`, `${v.shopOrigin}/js/script.js`]));
    expect(v.contacted.every((url) => url.startsWith(`${v.shopOrigin}/`))).toBe(true);
    expect(v.contacted.some((url) => url.includes(`:${appPort}`))).toBe(false);
    expect(v.site.log.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(["GET /js/script.js", "POST /api/track"]));
    for (const r of v.site.log) expect(r).toMatchObject({ host: `127.0.0.1:${appPort}`, xForwardedFor: `${VISITOR_IP}, 127.0.0.1` });

    // The ids live in first-party cookies on the shop's own domain, none on Trailmark's host.
    const cookies = await v.context.cookies();
    const byName = Object.fromEntries(cookies.map((c) => [c.name, c]));
    expect(byName.tm_vid?.value).toBe(v.pageview.visitorId);
    expect(byName.tm_sid?.value).toBe(v.pageview.sessionId);
    for (const c of cookies) expect(SHOP.endsWith(c.domain.replace(/^\./, ""))).toBe(true);
    expect(await v.context.cookies(v.app.url)).toEqual([]);

    // The address placed the visitor and was dropped: no document anywhere holds it.
    const collections = (await v.db.db!.listCollections().toArray()).map((c) => c.name);
    expect(collections).toEqual(expect.arrayContaining(["pageviews", "sessions", "websites", "users"]));
    for (const name of collections) {
      const docs = await v.db.collection(name).find({}).toArray();
      for (const doc of docs) expect(JSON.stringify(doc), `${name} ${doc._id}`).not.toContain(VISITOR_IP);
    }
  });

  it("uses the proxy's own loopback address when TRUSTED_IP_HEADER is not set", async () => {
    const v = await visitThroughProxies(untrusted);
    // The header arrived, naming the visitor, and was not believed.
    const track = v.site.log.find((r) => r.path === "/api/track");
    expect(track?.xForwardedFor).toBe(`${VISITOR_IP}, 127.0.0.1`);
    expect(v.pageview).toMatchObject({ hostname: SHOP, path: "/" });
    for (const doc of [v.pageview, v.session]) {
      expect(doc.country).toBeUndefined();
      expect(doc.region).toBeUndefined();
      expect(doc.city).toBeUndefined();
    }
  });
});

describe("the dashboard's proxy page", () => {
  async function openAsOwner(app: TestApp, viewport = { width: 1280, height: 900 }) {
    const { owner, website } = await ownerWithShop(app);
    const context = await browser.newContext({ viewport });
    cleanup.push(() => context.close());
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await (await hydrated(page.getByRole("button", { name: "Sign in" }))).click();
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto(`${app.url}/dashboard/${website.id}`);
    await page.getByRole("link", { name: "Proxy" }).click();
    await page.waitForURL((url) => url.pathname === `/dashboard/${website.id}/proxy`);
    return { page, website };
  }

  it("fills every setup with this deployment's origin and the site id, and says which header is trusted", async () => {
    const { page, website } = await openAsOwner(trusted);
    const tag = `data-website-id="${website.id}" data-domain="${SHOP}" data-api="/api/track"`;
    await page.getByText(`destination: "${trusted.url}/api/track"`).waitFor();
    await page.getByText(tag).waitFor();
    expect(await page.getByTestId("trusted-header-status").textContent()).toContain("This Trailmark trusts x-forwarded-for");
    expect(await screenshot(page, "proxy-nextjs")).toBeGreaterThan(5_000);

    const expected: [tab: string, text: string][] = [
      ["Vercel", `"destination": "${trusted.url}/js/script.js"`],
      ["Cloudflare Workers", `const TRAILMARK = "${trusted.url}";`],
      ["Express", `target: "${trusted.url}",`],
      ["nginx", `proxy_pass ${trusted.url}/api/track;`],
    ];
    for (const [tab, text] of expected) {
      await page.getByRole("tab", { name: tab }).click();
      const panel = page.getByRole("tabpanel");
      await panel.getByText(text).waitFor();
      await panel.getByText(tag).waitFor();
      expect(await panel.textContent()).toContain("TRUSTED_IP_HEADER=x-forwarded-for");
    }
    expect(await screenshot(page, "proxy-nginx")).toBeGreaterThan(5_000);
  });

  it("warns when this deployment trusts no header", async () => {
    const { page } = await openAsOwner(untrusted, { width: 390, height: 844 });
    await page.getByTestId("trusted-header-status").waitFor();
    expect(await page.getByTestId("trusted-header-status").textContent()).toContain("TRUSTED_IP_HEADER is not set");
    expect(await screenshot(page, "proxy-untrusted-mobile")).toBeGreaterThan(5_000);
  });
});
