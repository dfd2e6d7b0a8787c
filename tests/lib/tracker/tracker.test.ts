// The tracker's events, as the collector receives them from real Chromium.
import { describe, expect, it } from "vitest";
import { newSiteId, trackerSuite } from "./harness";

const t = trackerSuite();
const SHOP = "www.shop.trailmark.test";
const open = (path: string, opts: { referer?: string; init?: string } = {}) => t.open(t.h.origin(SHOP) + path, opts);

describe("tracker in Chromium", () => {
  it("sends a pageview on load with the documented body, as a simple text/plain request", async () => {
    const id = newSiteId();
    const page = await open(t.h.page("/pricing", { "website-id": id, domain: "shop.trailmark.test" }) + "?plan=pro#faq", {
      referer: "https://news.example.com/post",
    });
    const [ev] = await t.h.events(id, 1);
    expect(Object.keys(ev).sort()).toEqual(["referrer", "sessionId", "type", "url", "visitorId", "websiteId"]);
    expect(ev).toMatchObject({ type: "pageview", websiteId: id, url: `${t.h.origin(SHOP)}/pricing?plan=pro`, referrer: "https://news.example.com/post" });
    expect(await page.evaluate(() => (window as any).trailmark.visitorId())).toBe(ev.visitorId);
    expect(ev.visitorId).toMatch(/^\d{16,}$/);
    expect(ev.sessionId).toMatch(/^\d{16,}$/);
    const hit = t.h.hits.find((x) => x.body.websiteId === id)!;
    // Default endpoint: the script's own origin, not the page's.
    expect(hit.host).toBe(`cdn.trailmark.test:${t.h.port}`);
    expect(hit.contentType).toMatch(/^text\/plain/);
    expect(t.h.preflights).toBe(0);
  });

  it("counts SPA navigations by path: pushState twice, not a same-path replaceState, back via popstate", async () => {
    const id = newSiteId();
    const page = await open(t.h.page("/app", { "website-id": id }));
    await t.h.events(id, 1, 0);
    await page.evaluate(() => history.pushState({}, "", "/app/one"));
    await page.evaluate(() => history.pushState({}, "", "/app/two?tab=1"));
    await page.evaluate(() => history.replaceState({}, "", "/app/two?tab=2"));
    await page.evaluate(() => history.back());
    const evs = await t.h.events(id, 4);
    expect(evs.map((e) => [e.type, new URL(e.url).pathname + new URL(e.url).search])).toEqual([
      ["pageview", "/app"],
      ["pageview", "/app/one"],
      ["pageview", "/app/two?tab=1"],
      ["pageview", "/app/one"],
    ]);
  });

  it("with data-hash, counts fragment changes and keeps the hash in the url", async () => {
    const id = newSiteId();
    const page = await open(t.h.page("/spa", { "website-id": id, hash: true }) + "#/home");
    await t.h.events(id, 1, 0);
    await page.evaluate(() => (location.hash = "#/settings"));
    const evs = await t.h.events(id, 2);
    expect(evs.map((e) => e.url)).toEqual([`${t.h.origin(SHOP)}/spa#/home`, `${t.h.origin(SHOP)}/spa#/settings`]);
  });

  it("sends data-goal clicks (also from inside the element) with data-goal-* props", async () => {
    const id = newSiteId();
    const body = `<button data-goal="signup" data-goal-plan="pro" data-goal-cycle="yearly"><span id="in">Sign up</span></button>`;
    const page = await open(t.h.page("/goals", { "website-id": id }, body));
    await page.click("#in");
    const evs = await t.h.events(id, 2);
    expect(evs[1]).toMatchObject({ type: "goal", name: "signup", props: { plan: "pro", cycle: "yearly" } });
  });

  it("with the outbound-links extension, sends outbound link clicks as outbound_click goals", async () => {
    const id = newSiteId();
    const target = `${t.h.origin("docs.elsewhere.trailmark.test")}/guide`;
    const body = `<a id="out" href="${target}">Guide</a><a id="in" href="/local">Local</a>`;
    const page = await open(t.h.page("/out", { "website-id": id }, body, "", "script.outbound-links.js"));
    await page.click("#in");
    await page.goBack();
    await page.click("#out");
    const evs = await t.h.events(id, 3);
    const goals = evs.filter((e) => e.type === "goal");
    expect(goals).toEqual([expect.objectContaining({ name: "outbound_click", props: { url: target } })]);
  });

  it("counts a middle-click (new tab) on an outbound link, and not a right-click", async () => {
    const id = newSiteId();
    const mid = `${t.h.origin("mid.elsewhere.trailmark.test")}/a`;
    const right = `${t.h.origin("right.elsewhere.trailmark.test")}/b`;
    const page = await open(t.h.page("/aux", { "website-id": id }, `<a id="r" href="${right}">R</a> <a id="m" href="${mid}">M</a>`, "", "script.outbound-links.js"));
    await page.click("#r", { button: "right" });
    await page.keyboard.press("Escape");
    await page.click("#m", { button: "middle" });
    const evs = await t.h.events(id, 2);
    expect(evs[1]).toMatchObject({ type: "goal", name: "outbound_click", props: { url: mid } });
    // Nothing else arrives: the right-click sent no goal.
    await page.waitForTimeout(300);
    expect((await t.h.events(id, 2)).filter((e) => e.type === "goal")).toHaveLength(1);
  });

  it("replays calls queued by the stub before the script loaded", async () => {
    const id = newSiteId();
    const stub = `<script>window.trailmark=window.trailmark||function(){(trailmark.q=trailmark.q||[]).push(arguments)};
      trailmark('goal','early',{source:'stub'});trailmark('payment',{email:'buyer@example.com'});</script>`;
    await open(t.h.page("/queued", { "website-id": id }, "<p>hi</p>", stub));
    const evs = await t.h.events(id, 3);
    expect(evs.map((e) => e.type)).toEqual(["pageview", "goal", "identify"]);
    expect(evs[1]).toMatchObject({ name: "early", props: { source: "stub" } });
    expect(evs[2].email).toBe("buyer@example.com");
  });

  it("identifies the visitor", async () => {
    const id = newSiteId();
    const page = await open(t.h.page("/me", { "website-id": id }));
    await page.evaluate(() => (window as any).trailmark("identify", { userId: "u_42", email: "ann@example.com", name: "Ann" }));
    const [pv, ev] = await t.h.events(id, 2);
    expect(ev).toMatchObject({ type: "identify", userId: "u_42", email: "ann@example.com", name: "Ann", visitorId: pv.visitorId });
  });

  it("sends the deepest scroll once per page: before an SPA navigation and when the page is left", async () => {
    const id = newSiteId();
    const tall = `<div style="height:4000px">tall</div>`;
    const page = await open(t.h.page("/long", { "website-id": id }, tall, "", "script.scroll-depth.js"));
    // Two frames, so the scroll event has been dispatched before the next step.
    const scrollPage = (y: number) =>
      page.evaluate((y) => new Promise((r) => (window.scrollTo(0, y), requestAnimationFrame(() => requestAnimationFrame(r)))), y);
    await scrollPage(1600); // bottom of the viewport at 2400 of ~4016 px
    await scrollPage(200);
    await page.evaluate(() => history.pushState({}, "", "/long/next"));
    await scrollPage(0);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.goto(t.h.origin(SHOP) + "/bye"); // leaving: the document turns hidden
    const evs = await t.h.events(id, 4);
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

  it("the core sends no scroll, outbound, download or vitals events, whatever the tag says", async () => {
    const id = newSiteId();
    const other = `${t.h.origin("docs.elsewhere.trailmark.test")}/guide.pdf`;
    const body = `<a id="out" href="${other}">Guide</a><div style="height:4000px">tall</div>`;
    const page = await open(t.h.page("/plain", { "website-id": id, "track-scroll": true, extensions: "scroll-depth web-vitals" }, body));
    await page.evaluate(() => scrollTo(0, 2000));
    await page.click("#out");
    await page.waitForURL(other);
    await page.goto(t.h.origin(SHOP) + "/bye");
    expect((await t.h.events(id, 1)).map((e) => e.type)).toEqual(["pageview"]);
  });
});

