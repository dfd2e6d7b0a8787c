// Money in every panel, the revenue page, the live page and dark mode in real
// Chromium, on factory data: figures that add up to the overview, unattributed
// revenue on its own line, sorting, paging, who is on the site now with the
// map, and every page looked at light and dark, desktop and phone.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "@/lib/db";
import { Identity } from "@/models";
import { makePayment, makePaymentFor, makeVisit } from "../factories";
import { useDatabasesOf, type TestApp } from "../helpers/app";
import { screenshot } from "../helpers/browser";
import { CHROME_UA, seededDashboard, type SeededDashboard } from "../helpers/seeded-dashboard";
import { postTrack } from "../helpers/track";

const DAY = 86_400_000;
const GB_IP = "81.2.69.142"; // GB in the bundled GeoLite database
const CROWD = 21; // small payments, so the payments list has a second page

let app: TestApp;
let t: SeededDashboard;

async function seed(websiteId: string) {
  useDatabasesOf(app);
  const { Types } = await import("mongoose");
  await connectDb();
  const wid = new Types.ObjectId(websiteId);
  const ago = (days: number) => new Date(Date.now() - days * DAY);
  const ada = await makeVisit(wid, ago(2), { visitorId: "ada", paths: ["/", "/pricing"], country: "DE", channel: "Referral", context: { referrerDomain: "news.ycombinator.com" } });
  await makePaymentFor(ada, ago(2), 4900);
  await Identity.create({ websiteId: wid, visitorId: "ada", userId: "user_1", name: "Ada Buyer" });
  const bo = await makeVisit(wid, ago(3), { visitorId: "bo", country: "US", channel: "Search", context: { referrerDomain: "google.com" } });
  await makePaymentFor(bo, ago(3), 9900, { refundedAmount: 2000, status: "partially_refunded" });
  await makePayment(wid, ago(1), 3000); // nobody could be matched: unattributed
  const crowd = await makeVisit(wid, ago(4), { visitorId: "crowd", country: "FR" });
  for (let i = 0; i < CROWD; i++) await makePaymentFor(crowd, new Date(ago(4).getTime() + (i + 1) * 60_000), 100);
  for (const v of ["d1", "d2", "d3"]) await makeVisit(wid, ago(5), { visitorId: v, country: "US" });
  // A subscriber: a first payment, then renewals.
  await makePayment(wid, ago(40), 1000, { customerId: "cus_sub" });
  await makePayment(wid, ago(10), 1500, { customerId: "cus_sub", renewal: true });
  await makePayment(wid, ago(1), 1500, { customerId: "cus_sub", renewal: true });
  await disconnectDb();
}

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** Light and dark at 1440 and 390 px, signed in as the owner. */
async function contexts(): Promise<Record<string, BrowserContext>> {
  const state = await t.desktop.storageState();
  const out: Record<string, BrowserContext> = {};
  for (const scheme of ["light", "dark"] as const) {
    out[`desktop-${scheme}`] = await t.browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1440, height: 900 }, colorScheme: scheme, storageState: state });
    out[`phone-${scheme}`] = await t.browser.newContext({ userAgent: CHROME_UA, viewport: { width: 390, height: 844 }, colorScheme: scheme, storageState: state });
  }
  return out;
}

let views: Record<string, BrowserContext>;
beforeAll(async () => {
  t = await seededDashboard({
    label: "e2e_money", owner: "Mo Owner", site: { timezone: "UTC", currency: "USD" }, env: { TRUSTED_IP_HEADER: "x-forwarded-for" },
    seed: (started, id) => ((app = started), seed(id)),
  });
  views = await contexts();
});
afterAll(() => t?.stop());

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim();
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe("money in every panel", () => {
  it("shows revenue columns everywhere, sorts them, and keeps unattributed revenue on its own line", async () => {
    const page = await t.desktop.newPage();
    await page.goto(t.base);
    await poll(() => text(page, "metric-visitors")).toBe("6");
    const sources = page.locator("[data-panel=Sources]");
    const rows = sources.locator("button[role=row]");
    // By visitors: Direct (4: crowd and three others) first.
    await poll(async () => (await rows.allTextContents())[0]).toContain("Direct");
    await page.locator("[data-panel=Locations]").getByRole("tab", { name: "Countries" }).click();
    for (const panel of ["Sources", "Pages", "Locations", "System"]) {
      await poll(async () => (await page.locator(`[data-panel=${panel}] [role=columnheader]`).allTextContents()).join("|")).toMatch(/Visitors.*Revenue.*Rev\/visitor.*Conv\./);
    }
    // Unattributed: a labelled line of its own, never "Direct / None", never ranked among visitors.
    const orphan = sources.locator("[data-row=unattributed]");
    await poll(() => orphan.textContent()).toContain("Unattributed");
    // The unmatched one-off ($30) and the subscriber's two renewals ($15 each), who never visited.
    expect(await orphan.textContent()).toContain("$60.00");
    expect((await rows.allTextContents()).some((r) => r.includes("Direct / None"))).toBe(false);
    // Sorting by revenue puts Search ($79 net) first, Referral ($49) next; again reverses it.
    await sources.getByRole("button", { name: "Revenue", exact: true }).click();
    await poll(async () => (await rows.allTextContents()).slice(0, 2)).toEqual([expect.stringContaining("$79.00"), expect.stringContaining("$49.00")]);
    await sources.getByRole("button", { name: "Revenue", exact: true }).click();
    await poll(async () => (await rows.allTextContents()).at(-1)).toContain("$79.00");
    // Countries carry money too: Germany is Ada's $49.
    await poll(() => page.locator("[data-panel=Locations] button[role=row]", { hasText: "Germany" }).textContent()).toContain("$49.00");
  });
});

describe("the revenue page", () => {
  it("adds up to the overview's revenue, with refunds, renewals, MRR and paged payments", async () => {
    const page = await t.desktop.newPage();
    await page.goto(t.base);
    await poll(() => text(page, "metric-revenue")).not.toBe(undefined);
    await poll(() => text(page, "metric-payments")).toBe(String(5 + CROWD));
    const overviewRevenue = await text(page, "metric-revenue");
    await page.goto(`${t.base}/revenue`);
    // net = 49 + (99 − 20) + 30 + 21 × 1 + 15 + 15 (the subscriber's first payment is 40 days back)
    await poll(() => text(page, "revenue-net")).toBe("$209.00");
    expect(await text(page, "revenue-net")).toBe(overviewRevenue);
    expect(await text(page, "revenue-gross")).toBe("$229.00");
    expect(await text(page, "revenue-refunds")).toBe("$20.00");
    expect(await text(page, "revenue-renewal")).toBe("$30.00");
    expect(await text(page, "revenue-new")).toBe("$179.00");
    expect(await text(page, "revenue-customers")).toBe("5"); // Ada, Bo, the crowd, the unattributed buyer, cus_sub
    await page.getByTestId("revenue-chart").locator(".recharts-bar-rectangle").first().waitFor();
    // MRR as the API figures it (the parity test checks those figures against a recount).
    const api = await page.request.get(`${t.app.url}/api/websites/${t.site.id}/revenue`);
    const mrr: { mrr: number }[] = (await api.json()).mrr;
    expect(mrr.some((m) => m.mrr > 0)).toBe(true);
    expect(await text(page, "mrr")).toBe(`$${(mrr.at(-1)!.mrr / 100).toFixed(2)}`);
    // Payments: 26 in the period, 25 a page; owners see the buyer's name; both touches.
    const payments = page.getByTestId("payments");
    await poll(() => text(page, "payments-range")).toBe("1–25 of 26");
    const table = payments.locator("table");
    expect(await table.locator("tbody tr").count()).toBe(25);
    expect(await table.textContent()).toContain("Ada Buyer");
    expect(await table.locator("tr", { hasText: "Ada Buyer" }).textContent()).toContain("Referral · news.ycombinator.com");
    expect(await table.locator("tr", { hasText: "refunded" }).textContent()).toContain("$79.00");
    await payments.getByRole("button", { name: "Next" }).click();
    await poll(() => text(page, "payments-range")).toBe("26–26 of 26");
    expect(await table.locator("tbody tr").count()).toBe(1);
    // The filters of the overview apply: Search alone is Bo's payment.
    await page.goto(`${t.base}/revenue?filter=channel%3Ais%3ASearch`);
    await poll(() => text(page, "revenue-net")).toBe("$79.00");
    await poll(() => text(page, "payments-range")).toBe("1–1 of 1");
  });
});

describe("the live page", () => {
  it("lists who is here, maps them, and updates the counts together without a reload", async () => {
    const page = await views["desktop-light"].newPage();
    await page.goto(`${t.base}/realtime`);
    await page.getByTestId("live-map").getByTestId("world-map").waitFor();
    const track = (visitorId: string, path: string) =>
      postTrack(t.app.url, { type: "pageview", websiteId: t.site.id, url: `https://${t.site.domain}${path}`, visitorId }, { "x-forwarded-for": GB_IP });
    expect((await track("live-1", "/pricing")).status).toBe(202);
    const list = page.getByTestId("who-is-here").locator("[data-live-visitor]");
    await poll(() => list.count()).toBe(1);
    expect(await list.first().textContent()).toContain("/pricing");
    expect(await list.first().textContent()).toContain("United Kingdom");
    await poll(() => text(page, "active-visitors")).toBe("1");
    // The map colours the visitor's country.
    await poll(() => page.locator("[data-testid=live-map] path[data-country=GB]").getAttribute("fill")).not.toBe("var(--muted)");
    expect((await track("live-2", "/blog")).status).toBe(202);
    await poll(() => text(page, "active-visitors")).toBe("2");
    expect(await list.count()).toBe(2);
    await page.getByText("/blog").first().waitFor();
  });
});

describe("dark mode and the screens", () => {
  it("follows the system, toggles and remembers the choice", async () => {
    const page = await views["desktop-dark"].newPage();
    await page.goto(t.base);
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    const dark = await background(page);
    await page.getByTestId("theme-toggle").click();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(false);
    expect(await background(page)).not.toBe(dark);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(false);
    await page.getByTestId("theme-toggle").click(); // back to dark for the screenshots
    await page.evaluate(() => localStorage.removeItem("tm-theme"));
    for (const path of ["/", "/login", "/docs/api"]) {
      await page.goto(`${t.app.url}${path}`);
      await page.getByTestId("theme-toggle").waitFor();
      expect(await page.evaluate(() => document.documentElement.classList.contains("dark")), path).toBe(true);
    }
  });

  it("renders overview, revenue, realtime and settings light and dark, desktop and phone", async () => {
    const pages: [string, string, (p: Page) => Promise<unknown>][] = [
      ["overview", "", (p) => Promise.all([p.locator("[data-testid=main-chart] .recharts-area-area").waitFor(), p.getByTestId("metric-visitors").waitFor(), ...["Sources", "Pages", "System", "Revenue by source"].map((n) => p.locator(`[data-panel='${n}'] button[role=row]`).first().waitFor())])],
      ["revenue", "/revenue", (p) => Promise.all([p.getByTestId("payments-range").waitFor(), p.getByTestId("revenue-net").waitFor(), p.getByTestId("mrr").waitFor(), p.locator("[data-testid=revenue-chart] .recharts-bar-rectangle").first().waitFor()])],
      ["realtime", "/realtime", (p) => p.getByTestId("world-map").waitFor()],
      ["settings", "/settings", (p) => p.getByRole("main").locator("#api-keys").waitFor()],
    ];
    for (const [key, context] of Object.entries(views)) {
      const page = await context.newPage();
      for (const [name, path, ready] of pages) {
        await page.goto(`${t.base}${path}`);
        await ready(page);
        expect(await page.evaluate(() => document.documentElement.classList.contains("dark")), `${name} ${key}`).toBe(key.endsWith("dark"));
        if (key.startsWith("phone")) {
          await poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
          // The current site tab is scrolled into view, by an effect that runs once the page has hydrated.
          const tab = page.getByRole("navigation", { name: "Site" }).locator("[aria-current=page]");
          const inView = async () => {
            const box = await tab.boundingBox();
            return !!box && box.x >= 0 && box.x + box.width <= 390;
          };
          await poll(inView).toBe(true);
        }
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, `money-${name}-${key}`);
      }
      await page.close();
    }
  }, 240_000);

  it("gives settings a section picker on the phone", async () => {
    const page = await views["phone-light"].newPage();
    await page.goto(`${t.base}/settings`);
    await page.getByRole("combobox", { name: "Settings section" }).selectOption("api-keys");
    await poll(() => page.evaluate(() => document.getElementById("api-keys")!.getBoundingClientRect().top)).toBeLessThan(200);
    expect(await page.getByRole("link", { name: "API reference" }).getAttribute("href")).toBe("/docs/api");
  });
});
