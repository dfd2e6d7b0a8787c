// The built tracker on a customer's page in real Chromium, posting to the real
// /api/track of the production server, checked in the store.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import mongoose from "mongoose";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";
import { eventually } from "../helpers/eventually";

let app: TestApp;
let browser: Browser;
let db: mongoose.Connection;
let shop: Server;
let shopPort = 0;
const pages = new Map<string, string>();
// Headless Chromium announces itself as HeadlessChrome, which ingest rightly drops as a bot.
const VISITOR_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ label: "e2e_tracker" }), launchBrowser(["--host-resolver-rules=MAP *.trailmark.test 127.0.0.1"])]);
  db = await mongoose.createConnection(app.dbUri).asPromise();
  shop = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? "/", "http://x").pathname.split("/")[1] ?? "");
    res.writeHead(html ? 200 : 404, { "content-type": "text/html" }).end(html ?? "not found");
  });
  await new Promise<void>((r) => shop.listen(0, "127.0.0.1", r));
  shopPort = (shop.address() as AddressInfo).port;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => shop?.close(r));
  await db?.close();
  await app?.stop();
});

async function site(settings: Record<string, unknown> = {}) {
  const { insertedId } = await db.collection("websites").insertOne({ userId: new mongoose.Types.ObjectId(), domain: "trailmark.test", name: "Shop", settings });
  return String(insertedId);
}

/** A customer page under /<key>/ that loads the tracker from Trailmark itself. */
function customerPage(key: string, websiteId: string, attrs = "", file = "script.js") {
  pages.set(key, `<!doctype html><html><head><title>Shop</title>
<script>window.trailmark=window.trailmark||function(){(trailmark.q=trailmark.q||[]).push(arguments)};trailmark('identify',{userId:'u-42',email:'Buyer@Example.com'});</script>
<script defer src="${app.url}/js/${file}" data-website-id="${websiteId}" data-domain="trailmark.test" ${attrs}></script></head>
<body style="margin:0"><button id="buy" data-goal="signup" data-goal-plan="pro">Sign up</button>
<div style="height:4000px">long page</div></body></html>`);
  return `http://www.shop.trailmark.test:${shopPort}/${key}/`;
}

const count = (collection: string, websiteId: string, extra: Record<string, unknown> = {}) =>
  db.collection(collection).countDocuments({ websiteId: new mongoose.Types.ObjectId(websiteId), ...extra });

describe("the tracker against the real /api/track", () => {
  it("records pageviews, SPA navigations, a data-goal click, scroll depth and identify, with first-party cookies", async () => {
    const websiteId = await site({ trackScroll: true });
    const context = await browser.newContext({ userAgent: VISITOR_UA });
    const page = await context.newPage();
    const answers: { type: string; status: number }[] = [];
    page.on("requestfinished", async (req) => {
      if (!req.url().endsWith("/api/track")) return;
      answers.push({ type: JSON.parse(req.postData() ?? "{}").type, status: (await req.response())?.status() ?? 0 });
    });
    await page.goto(customerPage("shop", websiteId, "", "script.scroll-depth.web-vitals.js"));
    await eventually(async () => expect(await count("pageviews", websiteId)).toBe(1));

    await page.evaluate(() => history.pushState({}, "", "/shop/pricing"));
    await page.evaluate(() => history.pushState({}, "", "/shop/checkout"));
    await page.click("#buy");
    // Scrolled once the scroll event was handled: listeners run in order, so the tracker's (added at load) has measured.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          if (document.documentElement.scrollHeight <= innerHeight) return resolve(); // nothing to scroll: measured as it is left
          addEventListener("scroll", () => resolve(), { once: true });
          scrollTo(0, document.body.scrollHeight);
        }),
    );
    // Leaving the page (here by SPA navigation) sends its scroll depth.
    await page.evaluate(() => history.pushState({}, "", "/shop/thanks"));

    const cookies = await context.cookies(`http://www.shop.trailmark.test:${shopPort}/`);
    const vid = cookies.find((c) => c.name === "tm_vid");
    expect(vid?.domain).toBe(".trailmark.test"); // the shortest domain the browser accepts
    expect(await context.cookies(app.url)).toEqual([]); // nothing on Trailmark's own host

    await eventually(async () => {
      // As a set: two beacons sent a moment apart may reach a busy server in either order.
      const paths = await db.collection("pageviews").find({ websiteId: new mongoose.Types.ObjectId(websiteId) }).map((p) => p.path).toArray();
      expect(paths.sort()).toEqual(["/shop", "/shop/checkout", "/shop/pricing", "/shop/thanks"]);
      const goal = await db.collection("goalevents").findOne({ websiteId: new mongoose.Types.ObjectId(websiteId), name: "signup" });
      expect(goal?.props).toEqual([{ k: "plan", v: "pro" }]);
      const checkout = await db.collection("pageviews").findOne({ websiteId: new mongoose.Types.ObjectId(websiteId), path: "/shop/checkout" });
      expect(checkout?.scrollDepth).toBeGreaterThanOrEqual(90);
      const identity = await db.collection("identities").findOne({ websiteId: new mongoose.Types.ObjectId(websiteId) });
      expect(identity).toMatchObject({ userId: "u-42", visitorId: vid!.value });
      expect(identity?.emailHash).toMatch(/^[0-9a-f]{64}$/);
    });
    // Sessions are written at the buffer's checkpoint, which may come a moment after the events.
    await eventually(async () => {
      const sessions = await db.collection("sessions").find({ websiteId: new mongoose.Types.ObjectId(websiteId) }).toArray();
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ visitorId: vid!.value, entryPage: "/shop", exitPage: "/shop/thanks", pageviews: 4, bounce: false, browser: "Chrome" });
    });
    expect(JSON.stringify(await db.collection("identities").find().toArray())).not.toMatch(/example\.com/i);
    // The landing page's web vitals went out at the first SPA navigation and were
    // accepted, without counting as a pageview or activity of the visit (above).
    await eventually(async () => expect(answers).toContainEqual({ type: "vitals", status: 202 }));
    expect(answers.filter((a) => a.type === "vitals")).toHaveLength(1);
  });

  it("in cookieless mode sets no cookie and no storage, and the server still counts the visitor", async () => {
    const websiteId = await site({ cookieless: true });
    const context = await browser.newContext({ userAgent: VISITOR_UA });
    const page = await context.newPage();
    await page.goto(customerPage("private", websiteId, "data-cookieless"));
    await eventually(async () => expect(await count("pageviews", websiteId)).toBe(1));
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    const pv = await db.collection("pageviews").findOne({ websiteId: new mongoose.Types.ObjectId(websiteId) });
    expect(pv?.visitorId).toMatch(/^[0-9a-f]{32}$/); // the daily-salted hash
  });
});
