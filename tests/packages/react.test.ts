// @trailmark/react, built, in real Chromium: a server-rendered React app
// hydrated in strict mode (React's development build) counts one pageview,
// shows no hydration error, and useTrailmark() sends goals (queued ones too)
// and reads the visitor id. Also: what the package adds to a page, measured.
import path from "node:path";
import { build } from "esbuild";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { buildPackages, importBuilt, root } from "../helpers/packages";
import { newSiteId, trackerSuite } from "../lib/tracker/harness";
import { makeApp } from "./fixtures/react-app";

type Pkg = typeof import("../../packages/react/src/index");
let pkg: Pkg;
let bundle: string;
const t = trackerSuite();

beforeAll(async () => {
  buildPackages();
  pkg = await importBuilt("@trailmark/react");
  const res = await build({
    entryPoints: [path.join(import.meta.dirname, "fixtures/react-entry.ts")],
    bundle: true,
    format: "iife",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"development"' },
    plugins: [
      {
        name: "built-package",
        setup: (b) => b.onResolve({ filter: /packages\/react\/src\/index$/ }, () => ({ path: path.join(root, "packages/react/dist/index.js") })),
      },
    ],
    write: false,
    logLevel: "silent",
  });
  bundle = res.outputFiles[0].text;
});

describe("@trailmark/react", () => {
  it("renders nothing on the server", () => {
    expect(renderToString(createElement(pkg.Analytics, { websiteId: "w1" }))).toBe("");
    expect(pkg.scriptFile(["web-vitals", "outbound-links", "web-vitals"])).toBe("script.outbound-links.web-vitals.js");
  });

  it("hydrates without errors in strict mode, counts one pageview per page, sends goals and reads the visitor id", async () => {
    const websiteId = newSiteId();
    const props = { websiteId, host: t.h.origin("cdn.trailmark.test") };
    const html = renderToString(createElement(makeApp(pkg), props));
    t.h.serve("/react/app.js", bundle, "text/javascript");
    t.h.serve(
      "/react",
      `<!doctype html><html><head><title>React</title></head><body><div id="root">${html}</div>` +
        `<script>window.__props = ${JSON.stringify(props)}</script><script src="/react/app.js"></script></body></html>`,
    );
    const page = await t.open(t.h.origin("www.shop.trailmark.test") + "/react");
    await page.waitForFunction(() => (window as { trailmark?: { visitorId?: unknown } }).trailmark?.visitorId);
    await page.click("#go");
    await page.click("#nav");
    const evs = await t.h.events(websiteId, 4);
    expect(evs.map((e) => [e.type, e.name ?? new URL(e.url).pathname])).toEqual([
      ["pageview", "/react"],
      ["goal", "early"],
      ["goal", "clicked"],
      ["pageview", "/react/next"],
    ]);
    expect(evs[1].props).toEqual({ queued: true });
    const cookie = (await t.context!.cookies()).find((c) => c.name === "tm_vid")!;
    expect(await page.textContent("#vid")).toBe(cookie.value);
    expect(evs.every((e) => e.visitorId === cookie.value)).toBe(true);
    expect(await page.locator("script[data-trailmark]").count()).toBe(1);
    expect(t.logged.filter((m) => /hydrat|recoverable|did not match|Warning|Error/i.test(m))).toEqual([]);
  });

  it("adds under 2 KB gzipped on top of the tracker", async () => {
    // @ts-expect-error plain ESM script
    const { measure, SIZE_BUDGET } = await import("../../packages/react/scripts/size.mjs");
    const { gzip } = (await measure()) as { gzip: number };
    console.log(`@trailmark/react adds ${gzip} B gzip`);
    expect(SIZE_BUDGET).toBe(2048);
    expect(gzip).toBeLessThan(2048);
    expect(root).toBeTruthy();
  });
});
