// The site dashboard in real Chromium on factory data: cards, the overlay
// chart with a mention and a commit, a breakdown row that filters everything
// through the URL, removing the filter, switching period, the site list's
// sparklines, its pages and search, the add-site check for the first event,
// and a phone layout.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "@/lib/db";
import { Commit, Mention } from "@/models";
import { makeGoalEvent, makePaymentFor, makeVisit } from "../factories";
import { uniqueDomain, type WebsiteBody } from "../helpers/api";
import { useDatabasesOf, type TestApp } from "../helpers/app";
import { screenshot } from "../helpers/browser";
import { CHROME_UA, seededDashboard, type SeededDashboard } from "../helpers/seeded-dashboard";
import { postTrack } from "../helpers/track";

const DAY = 86_400_000;

let app: TestApp;
let browser: Browser;
let desktop: BrowserContext;
let site: WebsiteBody;
let base: string;

/** Nine visitors over ten days: 3 from Germany, 7 in the last 7 days, two payers, a mention and a commit. */
async function seed(websiteId: string) {
  useDatabasesOf(app);
  const { Types } = await import("mongoose");
  await connectDb();
  const wid = new Types.ObjectId(websiteId);
  const ago = (days: number, hours = 0) => new Date(Date.now() - days * DAY - hours * 3_600_000);
  const hn = { channel: "Referral", context: { referrerDomain: "news.ycombinator.com", browser: "Chrome", os: "macOS", city: "Berlin", region: "Berlin" } };
  const google = { channel: "Search", context: { referrerDomain: "google.com", utmSource: "google", utmTerm: "revenue analytics", browser: "Safari", os: "iOS" } };
  const direct = { channel: "Direct", context: { browser: "Firefox", os: "Linux" } };
  const ada = await makeVisit(wid, ago(1), { visitorId: "ada", paths: ["/", "/pricing", "/checkout"], country: "DE", ...hn });
  await makeGoalEvent(wid, ago(1, -0.05), { visitorId: "ada", sessionId: ada.sessionId, name: "signup" });
  await makePaymentFor(ada, ago(1, -0.1), 4900);
  await makeVisit(wid, ago(2), { visitorId: "v2", paths: ["/", "/blog/launch"], country: "DE", device: "mobile", ...google });
  await makeVisit(wid, ago(2, 3), { visitorId: "v3", country: "US", ...direct });
  const bo = await makeVisit(wid, ago(3), { visitorId: "bo", paths: ["/", "/pricing"], country: "US", ...google });
  await makePaymentFor(bo, ago(3, -0.2), 9900);
  await makeVisit(wid, ago(3, 5), { visitorId: "v5", country: "FR", channel: "Referral", context: { referrerDomain: "producthunt.com" } });
  await makeVisit(wid, ago(5), { visitorId: "v6", country: "US", ...direct });
  await makeVisit(wid, ago(5, 2), { visitorId: "v7", country: "GB", ...direct });
  await makeVisit(wid, ago(10), { visitorId: "v8", country: "US", ...direct });
  await makeVisit(wid, ago(10, 2), { visitorId: "v9", country: "DE", ...direct });
  await Mention.create({ websiteId: wid, tweetId: "1800", authorHandle: "levelsio", text: "Trailmark shows which tweet made money", url: "https://x.com/levelsio/status/1800", postedAt: ago(2, 1) });
  await Commit.create({ websiteId: wid, repo: "acme/shop", sha: "c0ffee1", message: "Launch the pricing page\n\nbody", author: "bob", url: "https://github.com/acme/shop/commit/c0ffee1", committedAt: ago(3, 1) });
  await disconnectDb();
}

const visitors = (page: Page) => page.getByTestId("metric-visitors").textContent();

/** The stats calls a page sends from now on, as `call?query` (vitals left out: they are asked apart). */
function statsCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    const call = /\/stats\/(.*)$/.exec(u.pathname)?.[1];
    if (call && call !== "vitals") calls.push(`${call}${u.search}`);
  });
  return calls;
}
/** The parts of a /stats/dashboard call, each as its call and dimension (`breakdown:page`), sorted. */
const partsOf = (call: string) =>
  new URLSearchParams(call.slice(call.indexOf("?")))
    .getAll("part")
    .map((p) => new URL(p, "http://x/"))
    .map((u) => [u.pathname.slice(1), u.searchParams.get("dimension")].filter(Boolean).join(":"))
    .sort();
const OPENING = ["breakdown:browser", "breakdown:channel", "breakdown:country", "breakdown:goal", "breakdown:page", "overview", "timeseries"];
// The dashboard keeps the previous numbers (dimmed) until a new answer arrives, and the stats
// calls take seconds on a busy machine: poll well past expect.poll's 1 s default.
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { interval: 100 });

let t: SeededDashboard;
beforeAll(async () => {
  t = await seededDashboard({ label: "e2e_dash", owner: "Dana Owner", site: { timezone: "UTC", currency: "USD" }, seed: (started, id) => ((app = started), seed(id)) });
  ({ app, browser, site, base, desktop } = t);
});
afterAll(() => t?.stop());

describe("site dashboard in real Chromium", () => {
  it("shows cards, the overlay chart with markers, and the panels", async () => {
    const page = await desktop.newPage();
    const calls = statsCalls(page);
    await page.goto(base);
    await poll(() => visitors(page)).toBe("9");
    expect(await page.getByTestId("metric-revenue").textContent()).toBe("$148.00");
    expect(await page.getByTestId("metric-payments").textContent()).toBe("2");
    await page.locator("[data-testid=main-chart] .recharts-area-area").waitFor();
    expect(await page.locator("[data-testid=main-chart] .recharts-bar-rectangle path, [data-testid=main-chart] .recharts-bar-rectangle").count()).toBeGreaterThan(0);
    // One mention and one commit, on different days: two pins; hovering shows the post, linked.
    await poll(() => page.getByTestId("chart-marker").count()).toBe(2);
    await page.getByRole("button", { name: /1 mention on X/ }).hover();
    await page.getByText("Trailmark shows which tweet made money").waitFor();
    expect(await page.getByRole("link", { name: "Open on X" }).getAttribute("href")).toBe("https://x.com/levelsio/status/1800");
    await page.mouse.move(0, 0);
    // The map colours Germany; the revenue panel ranks Search ($99) above Referral ($49).
    await page.locator("[data-testid=world-map] path[data-country=DE]").waitFor();
    const revenue = page.locator("[data-panel='Revenue by source'] [role=row]");
    await poll(async () => (await revenue.allTextContents()).slice(1, 3)).toEqual([expect.stringContaining("$99.00"), expect.stringContaining("$49.00")]);
    // 1 of 9 visitors completed the goal.
    await poll(() => page.locator("[data-panel=Goals] [role=row]").last().textContent()).toMatch(/signup.*1.*11%/);
    // All of it came in one request: the overview, the chart and each panel's first tab (Sources and Revenue share channels).
    expect(calls.length).toBe(1);
    expect(partsOf(calls[0])).toEqual(OPENING);
    expect(await screenshot(page, "dashboard-desktop")).toBeGreaterThan(30_000);
  });

  it("filters everything by a clicked row, removes the filter, and switches period", async () => {
    const page = await desktop.newPage();
    const calls = statsCalls(page);
    await page.goto(base);
    await poll(() => visitors(page)).toBe("9");
    await poll(() => calls.length).toBe(1);
    const locations = page.locator("[data-panel=Locations]");
    await locations.getByRole("tab", { name: "Countries" }).click();
    // A tab asks alone, with its own route.
    await poll(() => calls.slice(1)).toEqual([expect.stringMatching(/^breakdown\?.*dimension=country&limit=100/)]);
    await locations.getByRole("row", { name: /Germany/ }).click();
    await page.waitForURL(/filter=country%3Ais%3ADE/);
    await poll(() => visitors(page)).toBe("3");
    // The filter reloads every part in one request, the Locations panel on the tab it shows.
    expect(calls.length).toBe(3);
    expect(calls[2]).toContain(encodeURIComponent("filter=country%3Ais%3ADE"));
    expect(partsOf(calls[2])).toEqual(OPENING);
    // Every panel follows: the sources panel now only has Germany's channels, revenue is Ada's.
    expect(await page.getByTestId("metric-revenue").textContent()).toBe("$49.00");
    const channels = page.locator("[data-panel=Sources] [role=row]");
    await poll(async () => (await channels.allTextContents()).length).toBe(4); // header + Referral, Search, Direct
    await page.getByRole("button", { name: "Remove filter Country is DE" }).waitFor();
    // The sticky top bar would otherwise land mid-page in a full-page shot.
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await screenshot(page, "dashboard-filtered")).toBeGreaterThan(30_000);

    await page.getByRole("button", { name: "Remove filter Country is DE" }).click();
    await page.waitForURL((u) => !u.search.includes("filter="));
    await poll(() => visitors(page)).toBe("9");

    await page.getByLabel("Period").selectOption("7d");
    await page.waitForURL(/period=7d/);
    await poll(() => visitors(page)).toBe("7");
    // The URL alone reproduces the view.
    await page.goto(`${base}?period=7d&filter=channel%3Ais%3ASearch&model=first_touch`);
    await poll(() => visitors(page)).toBe("2");
    expect(await page.getByRole("button", { name: "First touch" }).getAttribute("aria-pressed")).toBe("true");
  });

  it("shows sparklines on the site list", async () => {
    const page = await desktop.newPage();
    await page.goto(`${app.url}/dashboard`);
    await page.getByTestId("site-sparkline").first().waitFor();
    expect(await page.getByTestId("site-sparkline").first().textContent()).toContain("9");
    expect(await screenshot(page, "dashboard-sites")).toBeGreaterThan(10_000);
  });

  it("confirms the first event after adding a site", async () => {
    const page = await desktop.newPage();
    await page.goto(`${app.url}/dashboard/new`);
    const domain = uniqueDomain("fresh");
    await page.getByLabel("Domain").fill(domain);
    await page.getByRole("button", { name: "Add site" }).click();
    await page.getByText(/Waiting for the first event/).waitFor();
    const text = (await page.locator("text=/data-website-id=/").first().textContent()) ?? "";
    const websiteId = /data-website-id="([a-f0-9]{24})"/.exec(text)![1];
    const res = await postTrack(app.url, { type: "pageview", websiteId, url: `https://${domain}/`, visitorId: "first-visitor" });
    expect(res.status).toBe(202);
    expect(res.headers.get("x-trailmark-dropped")).toBeNull();
    await page.getByText("First event received").waitFor();
    expect(await screenshot(page, "dashboard-first-event")).toBeGreaterThan(10_000);
  });

  it("pages and searches a long site list", async () => {
    // 25 more sites: past one page of 24, with names that a search picks out.
    const label = `pager${Date.now().toString(36)}`;
    for (let i = 1; i <= 25; i++) {
      const res = await desktop.request.post(`${app.url}/api/websites`, { data: { domain: `${label}-${i}.example.com`, name: `Pager shop ${i}` }, headers: { origin: app.url } });
      expect(res.status(), await res.text()).toBe(201);
    }
    const listed = await desktop.request.get(`${app.url}/api/websites`);
    const total = ((await listed.json()) as { websites: unknown[] }).websites.length;
    expect(total).toBeGreaterThan(25);
    // After a client-side navigation Next.js may keep the previous page hidden in the document: count what shows.
    const cards = (page: Page) => page.locator("a[href^='/dashboard/']:has([data-slot=card-title])").filter({ visible: true });
    const shown = (page: Page) => page.getByTestId("sites-shown").filter({ visible: true }).textContent();

    const page = await desktop.newPage();
    await page.goto(`${app.url}/dashboard`);
    await expect.poll(() => shown(page)).toBe(`Sites 1–24 of ${total}`);
    expect(await page.getByText("Page 1 of 2").filter({ visible: true }).count()).toBe(1);
    expect(await cards(page).count()).toBe(24);
    await page.getByRole("link", { name: "Next" }).filter({ visible: true }).click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => shown(page)).toBe(`Sites 25–${total} of ${total}`);
    expect(await cards(page).count()).toBe(total - 24);
    // The last page has no next one: its button is there, disabled.
    expect(await page.getByRole("button", { name: "Next" }).filter({ visible: true }).isDisabled()).toBe(true);
    expect(await screenshot(page, "dashboard-sites-page-2")).toBeGreaterThan(10_000);

    // The search keeps the 7-day range and finds sites by domain.
    await page.goto(`${app.url}/dashboard?days=7`);
    await page.getByLabel("Find a site").filter({ visible: true }).fill(`${label}-2`);
    await page.getByRole("button", { name: "Find" }).filter({ visible: true }).click();
    await page.waitForURL((u) => u.searchParams.get("q") === `${label}-2` && u.searchParams.get("days") === "7");
    // -2 and -20 to -25: seven sites.
    await expect.poll(() => shown(page)).toBe(`Sites 1–7 of 7 matching “${label}-2” (${total} in all)`);
    expect(await page.getByRole("link", { name: "Next" }).filter({ visible: true }).count()).toBe(0);
    await page.getByLabel("Find a site").filter({ visible: true }).fill("no-such-site");
    await page.getByRole("button", { name: "Find" }).filter({ visible: true }).click();
    await page.getByText("No site matches “no-such-site”.").filter({ visible: true }).waitFor();

    const dark = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1280, height: 900 }, colorScheme: "dark", storageState: await desktop.storageState() });
    const darkPage = await dark.newPage();
    await darkPage.goto(`${app.url}/dashboard?page=2`);
    await darkPage.getByTestId("sites-shown").waitFor();
    expect(await darkPage.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe("rgb(255, 255, 255)");
    expect(await screenshot(darkPage, "dashboard-sites-page-2-dark")).toBeGreaterThan(10_000);
    await dark.close();
    const phone = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 390, height: 844 }, colorScheme: "dark", storageState: await desktop.storageState() });
    const phonePage = await phone.newPage();
    await phonePage.goto(`${app.url}/dashboard`);
    await phonePage.getByTestId("sites-shown").waitFor();
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await screenshot(phonePage, "dashboard-sites-phone-dark")).toBeGreaterThan(10_000);
    await phone.close();
  });

  it("fits a phone screen", async () => {
    const phone = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 390, height: 844 }, storageState: await desktop.storageState() });
    const page = await phone.newPage();
    await page.goto(`${base}?period=30d`);
    await poll(() => visitors(page)).toBe("9");
    await page.locator("[data-testid=main-chart] .recharts-area-area").waitFor();
    await page.locator("[data-testid=world-map]").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await screenshot(page, "dashboard-mobile")).toBeGreaterThan(30_000);
    await phone.close();
  });
});
