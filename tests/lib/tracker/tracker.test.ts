// The tracker's events, as the collector receives them from real Chromium.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchTestBrowser, newSiteId, startHarness, watchErrors, type Harness } from "./harness";

let h: Harness;
let browser: Browser;
let context: BrowserContext;
let errors: string[];
const SHOP = "www.shop.trailmark.test";

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

async function open(path: string, opts: { referer?: string; init?: string } = {}): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  errors = watchErrors(page);
  if (opts.init) await page.addInitScript(opts.init);
  await page.goto(h.origin(SHOP) + path, { referer: opts.referer });
  return page;
}

describe("tracker in Chromium", () => {
  it("sends a pageview on load with the documented body, as a simple text/plain request", async () => {
    const id = newSiteId();
    const page = await open(h.page("/pricing", { "website-id": id, domain: "shop.trailmark.test" }) + "?plan=pro#faq", {
      referer: "https://news.example.com/post",
    });
    const [ev] = await h.events(id, 1);
    const env = await page.evaluate(() => ({ screen: `${screen.width}x${screen.height}`, language: navigator.language }));
    expect(ev).toMatchObject({
      type: "pageview",
      websiteId: id,
      url: `${h.origin(SHOP)}/pricing?plan=pro`,
      referrer: "https://news.example.com/post",
      screen: env.screen,
      language: env.language,
    });
    expect(ev.visitorId).toMatch(/^\d{16,}$/);
    expect(ev.sessionId).toMatch(/^\d{16,}$/);
    const hit = h.hits.find((x) => x.body.websiteId === id)!;
    // Default endpoint: the script's own origin, not the page's.
    expect(hit.host).toBe(`cdn.trailmark.test:${h.port}`);
    expect(hit.contentType).toMatch(/^text\/plain/);
    expect(h.preflights).toBe(0);
  });

  it("counts SPA navigations by path: pushState twice, not a same-path replaceState, back via popstate", async () => {
    const id = newSiteId();
    const page = await open(h.page("/app", { "website-id": id }));
    await h.events(id, 1, 0);
    await page.evaluate(() => history.pushState({}, "", "/app/one"));
    await page.evaluate(() => history.pushState({}, "", "/app/two?tab=1"));
    await page.evaluate(() => history.replaceState({}, "", "/app/two?tab=2"));
    await page.evaluate(() => history.back());
    const evs = await h.events(id, 4);
    expect(evs.map((e) => [e.type, new URL(e.url).pathname + new URL(e.url).search])).toEqual([
      ["pageview", "/app"],
      ["pageview", "/app/one"],
      ["pageview", "/app/two?tab=1"],
      ["pageview", "/app/one"],
    ]);
  });

  it("with data-hash, counts fragment changes and keeps the hash in the url", async () => {
    const id = newSiteId();
    const page = await open(h.page("/spa", { "website-id": id, hash: true }) + "#/home");
    await h.events(id, 1, 0);
    await page.evaluate(() => (location.hash = "#/settings"));
    const evs = await h.events(id, 2);
    expect(evs.map((e) => e.url)).toEqual([`${h.origin(SHOP)}/spa#/home`, `${h.origin(SHOP)}/spa#/settings`]);
  });

  it("sends data-goal clicks (also from inside the element) with data-goal-* props", async () => {
    const id = newSiteId();
    const body = `<button data-goal="signup" data-goal-plan="pro" data-goal-cycle="yearly"><span id="in">Sign up</span></button>`;
    const page = await open(h.page("/goals", { "website-id": id }, body));
    await page.click("#in");
    const evs = await h.events(id, 2);
    expect(evs[1]).toMatchObject({ type: "goal", name: "signup", props: { plan: "pro", cycle: "yearly" } });
  });

  it("sends outbound link clicks as outbound_click goals", async () => {
    const id = newSiteId();
    const target = `${h.origin("docs.elsewhere.trailmark.test")}/guide`;
    const page = await open(h.page("/out", { "website-id": id }, `<a id="out" href="${target}">Guide</a><a id="in" href="/local">Local</a>`));
    await page.click("#in");
    await page.goBack();
    await page.click("#out");
    const evs = await h.events(id, 3);
    const goals = evs.filter((e) => e.type === "goal");
    expect(goals).toEqual([expect.objectContaining({ name: "outbound_click", props: { url: target } })]);
  });

  it("counts a middle-click (new tab) on an outbound link, and not a right-click", async () => {
    const id = newSiteId();
    const mid = `${h.origin("mid.elsewhere.trailmark.test")}/a`;
    const right = `${h.origin("right.elsewhere.trailmark.test")}/b`;
    const page = await open(h.page("/aux", { "website-id": id }, `<a id="r" href="${right}">R</a> <a id="m" href="${mid}">M</a>`));
    await page.click("#r", { button: "right" });
    await page.keyboard.press("Escape");
    await page.click("#m", { button: "middle" });
    const evs = await h.events(id, 2);
    expect(evs[1]).toMatchObject({ type: "goal", name: "outbound_click", props: { url: mid } });
    // Nothing else arrives: the right-click sent no goal.
    await page.waitForTimeout(300);
    expect((await h.events(id, 2)).filter((e) => e.type === "goal")).toHaveLength(1);
  });

  it("replays calls queued by the stub before the script loaded", async () => {
    const id = newSiteId();
    const stub = `<script>window.trailmark=window.trailmark||function(){(trailmark.q=trailmark.q||[]).push(arguments)};
      trailmark('goal','early',{source:'stub'});trailmark('payment',{email:'buyer@example.com'});</script>`;
    await open(h.page("/queued", { "website-id": id }, "<p>hi</p>", stub));
    const evs = await h.events(id, 3);
    expect(evs.map((e) => e.type)).toEqual(["pageview", "goal", "identify"]);
    expect(evs[1]).toMatchObject({ name: "early", props: { source: "stub" } });
    expect(evs[2].email).toBe("buyer@example.com");
  });

  it("identifies the visitor", async () => {
    const id = newSiteId();
    const page = await open(h.page("/me", { "website-id": id }));
    await page.evaluate(() => (window as any).trailmark("identify", { userId: "u_42", email: "ann@example.com", name: "Ann" }));
    const [pv, ev] = await h.events(id, 2);
    expect(ev).toMatchObject({ type: "identify", userId: "u_42", email: "ann@example.com", name: "Ann", visitorId: pv.visitorId });
  });

  it("sends the deepest scroll once per page: before an SPA navigation and when the page is left", async () => {
    const id = newSiteId();
    const tall = `<div style="height:4000px">tall</div>`;
    const page = await open(h.page("/long", { "website-id": id, "track-scroll": true }, tall));
    // Two frames, so the scroll event has been dispatched before the next step.
    const scrollPage = (y: number) =>
      page.evaluate((y) => new Promise((r) => (window.scrollTo(0, y), requestAnimationFrame(() => requestAnimationFrame(r)))), y);
    await scrollPage(1600); // bottom of the viewport at 2400 of ~4016 px
    await scrollPage(200);
    await page.evaluate(() => history.pushState({}, "", "/long/next"));
    await scrollPage(0);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.goto(h.origin(SHOP) + "/bye"); // leaving: the document turns hidden
    const evs = await h.events(id, 4);
    expect(evs.map((e) => [e.type, new URL(e.url).pathname])).toEqual([
      ["pageview", "/long"],
      ["scroll", "/long"],
      ["pageview", "/long/next"],
      ["scroll", "/long/next"],
    ]);
    expect(evs[1].scrollDepth).toBeGreaterThanOrEqual(58);
    expect(evs[1].scrollDepth).toBeLessThanOrEqual(60);
    // Back at the top: the first screen of the page was seen.
    expect(evs[3].scrollDepth).toBe(Math.floor((800 * 100) / height));
  });

  it("sends no scroll events unless data-track-scroll is set", async () => {
    const id = newSiteId();
    const page = await open(h.page("/plain", { "website-id": id }, `<div style="height:4000px">tall</div>`));
    await page.evaluate(() => scrollTo(0, 2000));
    await page.goto(h.origin(SHOP) + "/bye");
    expect((await h.events(id, 1)).map((e) => e.type)).toEqual(["pageview"]);
  });
});

