// Identity and privacy: cookies, cookieless mode, opt-outs, cross-domain ids, transport.
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newSiteId, trackerSuite } from "./harness";

const t = trackerSuite();
const open = (url: string, init?: string) => t.open(url, { init });
const api = (page: Page) =>
  page.evaluate(() => {
    const tm = (window as any).trailmark;
    return { visitorId: tm.visitorId(), sessionId: tm.sessionId() };
  });
const byName = async (ctx: BrowserContext) => Object.fromEntries((await ctx.cookies()).map((c) => [c.name, c]));

describe("identity", () => {
  it("keeps tm_vid / tm_sid first-party on the shortest domain that sticks, shared by subdomains", async () => {
    const id = newSiteId();
    const page = await open(t.h.origin("www.shop.trailmark.test") + t.h.page("/c", { "website-id": id }));
    const [pv] = await t.h.events(id, 1, 0);
    const c = await byName(t.context!);
    const now = Date.now() / 1000;
    expect(c.tm_vid).toMatchObject({ domain: ".trailmark.test", path: "/", sameSite: "Lax", secure: false, value: pv.visitorId });
    expect(c.tm_sid).toMatchObject({ domain: ".trailmark.test", path: "/", sameSite: "Lax", value: pv.sessionId });
    expect(c.tm_vid.expires - now).toBeGreaterThan(364 * 86400);
    expect(c.tm_sid.expires - now).toBeGreaterThan(29 * 60);
    expect(c.tm_sid.expires - now).toBeLessThanOrEqual(30 * 60);
    expect(await api(page)).toEqual({ visitorId: c.tm_vid.value, sessionId: c.tm_sid.value });

    // Another subdomain of the same site is the same visitor, in the same session.
    await page.goto(t.h.origin("blog.trailmark.test") + t.h.page("/post", { "website-id": id }));
    const [, second] = await t.h.events(id, 2);
    expect([second.visitorId, second.sessionId]).toEqual([pv.visitorId, pv.sessionId]);
  });

  it("stores nothing and sends no ids in data-cookieless mode", async () => {
    const id = newSiteId();
    const page = await open(t.h.origin("www.shop.trailmark.test") + t.h.page("/cl", { "website-id": id, cookieless: true }));
    await page.evaluate(() => (window as any).trailmark("goal", "cta"));
    const evs = await t.h.events(id, 2);
    expect(evs.map((e) => e.type)).toEqual(["pageview", "goal"]);
    for (const e of evs) expect(e).not.toHaveProperty("visitorId"), expect(e).not.toHaveProperty("sessionId");
    expect(await t.context!.cookies()).toEqual([]);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(await api(page)).toEqual({});
  });

  it("adopts _tm ids from another of the site's domains and strips them from the address bar", async () => {
    const id = newSiteId();
    const path = t.h.page("/pay", { "website-id": id }, undefined, undefined, "script.cross-domain.js");
    const page = await open(`${t.h.origin("checkout.paylink.test")}${path}?plan=pro&_tm=1234567890.987654321#top`);
    const [pv] = await t.h.events(id, 1, 0);
    expect(page.url()).toBe(`${t.h.origin("checkout.paylink.test")}/pay?plan=pro#top`);
    expect(pv).toMatchObject({ url: `${t.h.origin("checkout.paylink.test")}/pay?plan=pro`, visitorId: "1234567890", sessionId: "987654321" });
    const c = await byName(t.context!);
    expect([c.tm_vid.domain, c.tm_vid.value, c.tm_sid.value]).toEqual([".paylink.test", "1234567890", "987654321"]);
  });

  it("decorates links to data-allowed-hostnames with _tm, which the other domain adopts", async () => {
    const id = newSiteId();
    const target = `${t.h.origin("checkout.paylink.test")}/cart`;
    const file = "script.cross-domain.js";
    t.h.page("/cart", { "website-id": id }, undefined, undefined, file);
    const body = `<a id="pay" href="${target}">Pay</a><a id="self" href="/shop#x">Here</a>`;
    const shop = t.h.page("/shop", { "website-id": id, "allowed-hostnames": "checkout.paylink.test, other.example, www.shop.trailmark.test" }, body, "", file);
    const page = await open(t.h.origin("www.shop.trailmark.test") + shop);
    const [pv] = await t.h.events(id, 1, 0);
    // A link to the page's own host is left alone.
    await page.click("#self");
    expect(await page.getAttribute("#self", "href")).toBe("/shop#x");
    expect(await page.evaluate(() => (document.querySelector("#self") as HTMLAnchorElement).search)).toBe("");
    await page.click("#pay");
    await page.waitForURL(target);
    const evs = await t.h.events(id, 2);
    expect(evs.map((e) => e.type)).toEqual(["pageview", "pageview"]);
    expect(evs[1]).toMatchObject({ url: target, visitorId: pv.visitorId, sessionId: pv.sessionId });
    const paylink = (await t.context!.cookies()).filter((c) => c.domain === ".paylink.test").map((c) => [c.name, c.value]);
    expect(paylink).toEqual(expect.arrayContaining([["tm_vid", pv.visitorId], ["tm_sid", pv.sessionId]]));
  });
});

describe("opting out", () => {
  it("sends nothing and stores nothing for a self-excluded visitor, without throwing", async () => {
    const id = newSiteId();
    const page = await open(t.h.origin("www.shop.trailmark.test") + t.h.page("/me", { "website-id": id }), `localStorage.setItem("trailmark_ignore", "true")`);
    await page.evaluate(() => {
      const tm = (window as any).trailmark;
      tm("goal", "x"), tm("identify", { userId: "u" }), history.pushState({}, "", "/elsewhere");
    });
    expect(await t.h.events(id, 0, 500)).toEqual([]);
    expect(await t.context!.cookies()).toEqual([]);
    expect(t.logged).toContain("Trailmark: not tracking (trailmark_ignore in localStorage)");
  });

  it("honours Global Privacy Control and Do Not Track only when data-respect-dnt is set", async () => {
    const gpc = `Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true });`;
    const dnt = `Object.defineProperty(Navigator.prototype, "doNotTrack", { get: () => "1" });`;
    for (const init of [gpc, dnt]) {
      const respectful = newSiteId();
      await open(t.h.origin("www.shop.trailmark.test") + t.h.page("/dnt", { "website-id": respectful, "respect-dnt": true }), init);
      expect(await t.h.events(respectful, 0, 500)).toEqual([]);
      expect(t.logged).toContain("Trailmark: not tracking (Do Not Track)");
      await t.context!.close();
    }
    const other = newSiteId();
    await open(t.h.origin("www.shop.trailmark.test") + t.h.page("/nodnt", { "website-id": other }), dnt);
    expect(await t.h.events(other, 1)).toHaveLength(1);
  });

  it("skips localhost unless data-include-localhost, and says why in the console", async () => {
    const skipped = newSiteId();
    await open(`http://localhost:${t.h.port}` + t.h.page("/local", { "website-id": skipped }));
    expect(await t.h.events(skipped, 0, 500)).toEqual([]);
    expect(t.logged).toContain("Trailmark: not tracking on localhost (add data-include-localhost to the tag)");
    await t.context!.close();
    const included = newSiteId();
    await open(`http://127.0.0.1:${t.h.port}` + t.h.page("/local2", { "website-id": included, "include-localhost": true }));
    expect(await t.h.events(included, 1)).toHaveLength(1);
    expect(t.logged.filter((m) => m.startsWith("Trailmark"))).toEqual([]);
  });
});

describe("transport", () => {
  it("sends to a data-api endpoint as a simple request", async () => {
    const id = newSiteId();
    const endpoint = `${t.h.origin("stats.shop.trailmark.test")}/api/track`;
    await open(t.h.origin("www.shop.trailmark.test") + t.h.page("/f", { "website-id": id, api: endpoint }));
    await t.h.events(id, 1);
    const hit = t.h.hits.find((x) => x.body.websiteId === id)!;
    expect(hit.host).toBe(`stats.shop.trailmark.test:${t.h.port}`);
    expect(hit.contentType).toMatch(/^text\/plain/);
    expect(t.h.preflights).toBe(0);
  });
});
