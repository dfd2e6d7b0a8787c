// Goals, funnels, realtime and a visitor profile in real Chromium, on a site
// with factory data, at desktop and phone widths.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "@/lib/db";
import { Identity } from "@/models";
import { makeGoalEvent, makePayment, makeVisit } from "../factories";
import type { WebsiteBody } from "../helpers/api";
import { useDatabasesOf, type TestApp } from "../helpers/app";
import { screenshot } from "../helpers/browser";
import { CHROME_UA, seededDashboard, type SeededDashboard } from "../helpers/seeded-dashboard";
import { postTrack } from "../helpers/track";

let app: TestApp;
let browser: Browser;
let desktop: BrowserContext;
let site: WebsiteBody;
let base: string;

async function seed(websiteId: string) {
  useDatabasesOf(app);
  const { Types } = await import("mongoose");
  await connectDb();
  const wid = new Types.ObjectId(websiteId);
  const at = new Date(Date.now() - 2 * 86_400_000);
  const ref = { channel: "Referral", context: { referrerDomain: "news.ycombinator.com", browser: "Chrome", os: "macOS", city: "Berlin" }, country: "DE" };
  await makeVisit(wid, at, { visitorId: "buyer-ada", paths: ["/", "/pricing/pro", "/checkout"], ...ref });
  await makeGoalEvent(wid, new Date(at.getTime() + 150_000), { visitorId: "buyer-ada", name: "signup" });
  await makePayment(wid, new Date(at.getTime() + 200_000), 4900, { visitorId: "buyer-ada" });
  await Identity.create({ websiteId: wid, visitorId: "buyer-ada", userId: "user_42", name: "Ada Buyer" });
  await makeVisit(wid, new Date(at.getTime() + 3_600_000), { visitorId: "v2", paths: ["/", "/pricing/team"] });
  await makeVisit(wid, new Date(at.getTime() + 7_200_000), { visitorId: "v3", paths: ["/", "/blog/hello"], device: "mobile" });
  await makeVisit(wid, new Date(at.getTime() + 9_000_000), { visitorId: "v4", paths: ["/"] });
  await makeVisit(wid, new Date(at.getTime() + 9_900_000), { visitorId: "v5", paths: ["/pricing"] });
  await disconnectDb();
}

let t: SeededDashboard;
beforeAll(async () => {
  t = await seededDashboard({ label: "e2e_pages", owner: "Ada Owner", site: {}, seed: (started, id) => ((app = started), seed(id)) });
  ({ app, browser, site, base, desktop } = t);
});
afterAll(() => t?.stop());

describe("site pages in real Chromium", () => {
  it("defines a goal and shows its conversions and revenue", async () => {
    const page = await desktop.newPage();
    await page.goto(`${base}/goals`);
    await page.getByText("No goals yet").first().waitFor();
    await page.getByLabel("Event name").fill("signup");
    await page.getByLabel("Display name (optional)").fill("Signed up");
    await page.getByRole("button", { name: "Add goal" }).click();
    const row = page.getByRole("row").filter({ hasText: "Signed up" });
    await row.waitFor();
    // 1 of 5 visitors converted; they paid $49.
    await expect.poll(() => row.textContent()).toContain("20%");
    expect(await row.textContent()).toContain("$49.00");
    expect(await screenshot(page, "pages-goals")).toBeGreaterThan(10_000);
  });

  it("defines a funnel and opens its chart and table", async () => {
    const page = await desktop.newPage();
    await page.goto(`${base}/funnels`);
    await page.getByText("No funnels yet").first().waitFor();
    await page.getByLabel("Funnel name").fill("Signup flow");
    await page.getByLabel("Step 2 path").fill("/pricing/*");
    await page.getByRole("button", { name: "Add step" }).click();
    await page.getByLabel("Step 3 type").selectOption("goal");
    await page.getByLabel("Step 3 goal").fill("Signed up");
    await page.getByRole("button", { name: "Create funnel" }).click();
    await page.waitForURL(/funnel=[a-f0-9]{24}/);
    await page.locator(".recharts-bar-rectangle").first().waitFor();
    const rows = page.getByRole("row");
    await expect.poll(async () => (await rows.allTextContents()).length).toBe(4);
    const texts = await rows.allTextContents();
    expect(texts[1]).toMatch(/1\. \/.*4/);
    expect(texts[2]).toContain("/pricing/*");
    expect(texts[3]).toContain("$49.00");
    expect(await page.getByText(/4 entered, 1 completed/).count()).toBe(1);
    expect(await screenshot(page, "pages-funnel")).toBeGreaterThan(10_000);
  });

  it("streams a live pageview onto the realtime page", async () => {
    const page = await desktop.newPage();
    await page.goto(`${base}/realtime`);
    await page.getByText("Waiting for events").first().waitFor();
    await page.getByText("Recent payments").first().waitFor();
    // The stream is open once the "connecting" hint is gone.
    await page.getByText("connecting").waitFor({ state: "detached" });
    const res = await postTrack(app.url, { type: "pageview", websiteId: site.id, url: `https://${site.domain}/live-now`, visitorId: "live-visitor-1" });
    expect(res.status).toBe(202);
    await page.getByText("/live-now").first().waitFor();
    // The stream sends the count every 5 s.
    await expect.poll(() => page.getByTestId("active-visitors").textContent()).toBe("1");
    expect(await screenshot(page, "pages-realtime")).toBeGreaterThan(10_000);
  });

  it("shows a buyer's timeline from first visit to payment", async () => {
    const page = await desktop.newPage();
    await page.goto(`${base}/revenue`);
    // Owners see the buyer by the name their identify call gave.
    await page.getByTestId("payments").getByRole("link", { name: "Ada Buyer" }).first().click();
    await page.waitForURL(/\/visitors\/buyer-ada$/);
    await page.getByText("Ada Buyer").first().waitFor();
    const timeline = page.getByRole("list", { name: "Timeline" });
    const text = (await timeline.textContent()) ?? "";
    expect(text).toContain("Visit from news.ycombinator.com");
    expect(text).toContain("/pricing/pro");
    expect(text).toContain("signup");
    expect(text.indexOf("signup")).toBeLessThan(text.indexOf("Paid $49.00"));
    expect(await screenshot(page, "pages-visitor")).toBeGreaterThan(10_000);
  });

  it("fits a phone screen", async () => {
    const phone = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 390, height: 844 }, storageState: await desktop.storageState() });
    const page = await phone.newPage();
    for (const [path, name] of [["funnels", "pages-funnel-mobile"], ["visitors/buyer-ada", "pages-visitor-mobile"], ["goals", "pages-goals-mobile"]] as const) {
      await page.goto(`${base}/${path}`);
      await page.getByRole("navigation", { name: "Site" }).waitFor();
      if (path === "funnels") await page.locator(".recharts-bar-rectangle").first().waitFor();
      // Nothing but scrollable tables may be wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await screenshot(page, name)).toBeGreaterThan(10_000);
    }
    await phone.close();
  });
});
