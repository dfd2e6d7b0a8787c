// The tracker's optional extensions (script.<names>.js), in real Chromium:
// file downloads and web vitals. Outbound links, scroll depth and cross-domain
// ids have their tests beside the features they extend.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newSiteId, trackerSuite } from "./harness";

const t = trackerSuite();
const SHOP = "www.shop.trailmark.test";
const open = (path: string, init?: string) => t.open(t.h.origin(SHOP) + path, { init });

describe("file-downloads", () => {
  it("sends a click on a link to a file as a file_download goal, not also as an outbound click", async () => {
    const id = newSiteId();
    const pdf = `${t.h.origin(SHOP)}/files/Price-List.PDF`;
    const zip = `${t.h.origin("cdn.elsewhere.trailmark.test")}/app.zip?v=2`;
    const body = `<a id="pdf" href="${pdf}">PDF</a> <a id="zip" href="${zip}">ZIP</a> <a id="page" href="/files/readme.html">Readme</a>`;
    const page = await open(t.h.page("/dl", { "website-id": id }, body, "", "script.file-downloads.outbound-links.js"));
    await t.h.events(id, 1, 0);
    for (const link of ["#pdf", "#zip", "#page"]) {
      await page.click(link, { modifiers: ["ControlOrMeta"] }); // a new tab, so this page stays
    }
    const evs = await t.h.events(id, 3);
    expect(evs.filter((e) => e.type === "goal")).toEqual([
      expect.objectContaining({ name: "file_download", props: { url: pdf } }),
      expect.objectContaining({ name: "file_download", props: { url: zip } }),
    ]);
  });

  it("takes its list of extensions from data-file-types", async () => {
    const id = newSiteId();
    const body = `<a id="epub" href="/book.epub">Book</a> <a id="pdf" href="/doc.pdf">Doc</a>`;
    const page = await open(t.h.page("/types", { "website-id": id, "file-types": "epub, mobi" }, body, "", "script.file-downloads.js"));
    await t.h.events(id, 1, 0);
    await page.click("#pdf", { modifiers: ["ControlOrMeta"] });
    await page.click("#epub", { modifiers: ["ControlOrMeta"] });
    const goals = (await t.h.events(id, 2)).filter((e) => e.type === "goal");
    expect(goals).toEqual([expect.objectContaining({ name: "file_download", props: { url: `${t.h.origin(SHOP)}/book.epub` } })]);
  });
});

// The page's own observer sees the same entries as the tracker's, in the same
// task, so waiting for it says the tracker has them too.
const observe = `window.__seen = {};
for (const type of ["largest-contentful-paint", "layout-shift", "event"])
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__seen[type] = Math.max(window.__seen[type] || 0, e.duration || e.value || e.startTime); })
    .observe({ type, buffered: true, durationThreshold: 40 });`;
const seen = (page: Page, type: string, atLeast = 0) => page.waitForFunction(([t, n]) => ((window as any).__seen[t] ?? -1) > n, [type, atLeast] as const, { timeout: 10_000 });

// A heading (the largest paint) and a button whose handler blocks for 150 ms.
const vitalsPage = `<h1 style="font-size:64px">Big headline</h1><p id="content">Some content</p>
<button id="slow" onclick="const t = performance.now(); while (performance.now() - t < 150);">Slow</button>`;

describe("web-vitals", () => {
  it("sends LCP, CLS, INP and TTFB once, for the page as loaded, when it is left", async () => {
    const id = newSiteId();
    const page = await open(t.h.page("/vitals", { "website-id": id }, vitalsPage, "", "script.web-vitals.js") + "?x=1", observe);
    await seen(page, "largest-contentful-paint");
    // Script, not input, moves the content: an unexpected shift.
    await page.evaluate(() => document.body.insertAdjacentHTML("afterbegin", '<div style="height:300px">banner</div>'));
    await seen(page, "layout-shift");
    await page.click("#slow");
    await seen(page, "event", 100);
    await page.goto(t.h.origin(SHOP) + "/bye"); // the page turns hidden as it is left
    const evs = await t.h.events(id, 2);
    expect(evs.map((e) => e.type)).toEqual(["pageview", "vitals"]);
    const { vitals, url } = evs[1];
    expect(url).toBe(`${t.h.origin(SHOP)}/vitals?x=1`);
    expect(vitals.lcp).toBeGreaterThan(0);
    expect(vitals.cls).toBeGreaterThan(0);
    expect(vitals.inp).toBeGreaterThanOrEqual(140);
    expect(vitals.ttfb).toBeGreaterThanOrEqual(0);
    expect(vitals.ttfb).toBeLessThanOrEqual(vitals.lcp);
  });

  it("sends them at the first client-side navigation, and not again for the next route", async () => {
    const id = newSiteId();
    const page = await open(t.h.page("/spa", { "website-id": id }, "<h1>App</h1>", "", "script.web-vitals.js"), observe);
    await seen(page, "largest-contentful-paint");
    await page.evaluate(() => history.pushState({}, "", "/spa/next"));
    await page.evaluate(() => history.pushState({}, "", "/spa/last"));
    await page.goto(t.h.origin(SHOP) + "/bye");
    const evs = await t.h.events(id, 4);
    expect(evs.map((e) => [e.type, new URL(e.url).pathname])).toEqual([
      ["pageview", "/spa"],
      ["vitals", "/spa"],
      ["pageview", "/spa/next"],
      ["pageview", "/spa/last"],
    ]);
    // Nothing was interacted with or shifted: only what was measured is sent.
    expect(Object.keys(evs[1].vitals).sort()).toEqual(["lcp", "ttfb"]);
  });
});
