// Identity and privacy: cookies, cookieless mode, opt-outs, cross-domain ids, transport fallback.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchTestBrowser, newSiteId, startHarness, watchErrors, type Harness } from "./harness";

let h: Harness;
let browser: Browser;
let context: BrowserContext;
let errors: string[];

beforeAll(async () => {
  [h, browser] = await Promise.all([startHarness(), launchTestBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});
afterEach(async () => {
  await context?.close();
  expect(errors).toEqual([]);
});

async function open(url: string, init?: string): Promise<Page> {
  context = await browser.newContext();
  const page = await context.newPage();
  errors = watchErrors(page);
  if (init) await page.addInitScript(init);
  await page.goto(url);
  return page;
}
const api = (page: Page) =>
  page.evaluate(() => {
    const tm = (window as any).trailmark;
    return { visitorId: tm.visitorId(), sessionId: tm.sessionId() };
  });
const byName = async (ctx: BrowserContext) => Object.fromEntries((await ctx.cookies()).map((c) => [c.name, c]));

describe("identity", () => {
  it("keeps tm_vid / tm_sid first-party on the shortest domain that sticks, shared by subdomains", async () => {
    const id = newSiteId();
    const page = await open(h.origin("www.shop.trailmark.test") + h.page("/c", { "website-id": id }));
    const [pv] = await h.events(id, 1, 0);
    const c = await byName(context);
    const now = Date.now() / 1000;
    expect(c.tm_vid).toMatchObject({ domain: ".trailmark.test", path: "/", sameSite: "Lax", secure: false, value: pv.visitorId });
    expect(c.tm_sid).toMatchObject({ domain: ".trailmark.test", path: "/", sameSite: "Lax", value: pv.sessionId });
    expect(c.tm_vid.expires - now).toBeGreaterThan(364 * 86400);
    expect(c.tm_sid.expires - now).toBeGreaterThan(29 * 60);
    expect(c.tm_sid.expires - now).toBeLessThanOrEqual(30 * 60);
    expect(await api(page)).toEqual({ visitorId: c.tm_vid.value, sessionId: c.tm_sid.value });

    // Another subdomain of the same site is the same visitor, in the same session.
    await page.goto(h.origin("blog.trailmark.test") + h.page("/post", { "website-id": id }));
    const [, second] = await h.events(id, 2);
    expect([second.visitorId, second.sessionId]).toEqual([pv.visitorId, pv.sessionId]);
  });

  it("stores nothing and sends no ids in data-cookieless mode", async () => {
    const id = newSiteId();
    const page = await open(h.origin("www.shop.trailmark.test") + h.page("/cl", { "website-id": id, cookieless: true }));
    await page.evaluate(() => (window as any).trailmark("goal", "cta"));
    const evs = await h.events(id, 2);
    expect(evs.map((e) => e.type)).toEqual(["pageview", "goal"]);
    for (const e of evs) expect(e).not.toHaveProperty("visitorId"), expect(e).not.toHaveProperty("sessionId");
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(await api(page)).toEqual({});
  });

  it("adopts _tm ids from another of the site's domains and strips them from the address bar", async () => {
    const id = newSiteId();
    const page = await open(`${h.origin("checkout.paylink.test")}${h.page("/pay", { "website-id": id })}?plan=pro&_tm=1234567890.987654321#top`);
    const [pv] = await h.events(id, 1, 0);
    expect(page.url()).toBe(`${h.origin("checkout.paylink.test")}/pay?plan=pro#top`);
    expect(pv).toMatchObject({ url: `${h.origin("checkout.paylink.test")}/pay?plan=pro`, visitorId: "1234567890", sessionId: "987654321" });
    const c = await byName(context);
    expect([c.tm_vid.domain, c.tm_vid.value, c.tm_sid.value]).toEqual([".paylink.test", "1234567890", "987654321"]);
  });

  it("decorates links to data-allowed-hostnames with _tm, which the other domain adopts", async () => {
    const id = newSiteId();
    const target = `${h.origin("checkout.paylink.test")}/cart`;
    h.page("/cart", { "website-id": id });
    const body = `<a id="pay" href="${target}">Pay</a>`;
    const page = await open(h.origin("www.shop.trailmark.test") + h.page("/shop", { "website-id": id, "allowed-hostnames": "checkout.paylink.test, other.example" }, body));
    const [pv] = await h.events(id, 1, 0);
    await page.click("#pay");
    await page.waitForURL(target);
    const evs = await h.events(id, 3);
    expect(evs.map((e) => e.type)).toEqual(["pageview", "goal", "pageview"]);
    expect(evs[2]).toMatchObject({ url: target, visitorId: pv.visitorId, sessionId: pv.sessionId });
    const paylink = (await context.cookies()).filter((c) => c.domain === ".paylink.test").map((c) => [c.name, c.value]);
    expect(paylink).toEqual(expect.arrayContaining([["tm_vid", pv.visitorId], ["tm_sid", pv.sessionId]]));
  });
});

describe("opting out", () => {
  it("sends nothing and stores nothing for a self-excluded visitor, without throwing", async () => {
    const id = newSiteId();
    const page = await open(h.origin("www.shop.trailmark.test") + h.page("/me", { "website-id": id }), `localStorage.setItem("trailmark_ignore", "true")`);
    await page.evaluate(() => {
      const tm = (window as any).trailmark;
      tm("goal", "x"), tm("identify", { userId: "u" }), history.pushState({}, "", "/elsewhere");
    });
    expect(await h.events(id, 0, 500)).toEqual([]);
    expect(await context.cookies()).toEqual([]);
  });

  it("honours Global Privacy Control and Do Not Track only when data-respect-dnt is set", async () => {
    const gpc = `Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true });`;
    const dnt = `Object.defineProperty(Navigator.prototype, "doNotTrack", { get: () => "1" });`;
    for (const init of [gpc, dnt]) {
      const respectful = newSiteId();
      await open(h.origin("www.shop.trailmark.test") + h.page("/dnt", { "website-id": respectful, "respect-dnt": true }), init);
      expect(await h.events(respectful, 0, 500)).toEqual([]);
      await context.close();
    }
    const other = newSiteId();
    await open(h.origin("www.shop.trailmark.test") + h.page("/nodnt", { "website-id": other }), dnt);
    expect(await h.events(other, 1)).toHaveLength(1);
  });

  it("skips localhost unless data-include-localhost", async () => {
    const skipped = newSiteId();
    await open(`http://localhost:${h.port}` + h.page("/local", { "website-id": skipped }));
    expect(await h.events(skipped, 0, 500)).toEqual([]);
    await context.close();
    const included = newSiteId();
    await open(`http://127.0.0.1:${h.port}` + h.page("/local2", { "website-id": included, "include-localhost": true }));
    expect(await h.events(included, 1)).toHaveLength(1);
  });
});

describe("transport", () => {
  it("falls back to fetch when sendBeacon is missing, to a data-api endpoint", async () => {
    const id = newSiteId();
    const endpoint = `${h.origin("stats.shop.trailmark.test")}/api/track`;
    await open(h.origin("www.shop.trailmark.test") + h.page("/f", { "website-id": id, api: endpoint }), `delete Navigator.prototype.sendBeacon;`);
    await h.events(id, 1);
    const hit = h.hits.find((x) => x.body.websiteId === id)!;
    expect(hit.host).toBe(`stats.shop.trailmark.test:${h.port}`);
    expect(hit.contentType).toMatch(/^text\/plain/);
    expect(h.preflights).toBe(0);
  });
});
