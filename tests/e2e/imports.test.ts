// Importing a Plausible export in real Chromium: the settings form uploads it, the job runs to done,
// and the dashboard shows the imported days with the "includes imported data" marker and its switch.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, SCREENSHOT_DIR } from "../helpers/browser";
import { plausibleZip } from "../helpers/imports";
import { CHROME_UA, seededDashboard, type SeededDashboard } from "../helpers/seeded-dashboard";

let t: SeededDashboard;
let browser: Browser;
let base: string;
let desktop: BrowserContext;

beforeAll(async () => {
  // A site with no data of its own yet: everything the dashboard shows comes from the import.
  t = await seededDashboard({ label: "e2e_imports", owner: "Ivo Importer", site: { timezone: "UTC" }, seed: async () => {} });
  ({ browser, base, desktop } = t);
});
afterAll(async () => t?.stop());

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 200 });
const visitors = (page: Page) => page.getByTestId("metric-visitors").textContent();
const days = "from=2026-03-01&to=2026-03-03&interval=day";

describe("Plausible import in the browser", () => {
  it("uploads the export in settings and the job finishes", async () => {
    const page = await desktop.newPage();
    await page.goto(`${base}/settings#imports`);
    const section = page.locator("#imports");
    await section.getByLabel("From").selectOption("plausible");
    await section.getByLabel("Export file").setInputFiles({ name: "plausible-export.zip", mimeType: "application/zip", buffer: Buffer.from(plausibleZip()) });
    await section.getByRole("button", { name: "Import", exact: true }).click();
    await section.getByText("Import started").waitFor();
    await section.locator("[data-status=done]").waitFor({ timeout: 60_000 });
    await poll(() => section.locator("[data-import]").first().textContent()).toContain("Mar 1, 2026");
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await section.screenshot({ path: path.join(SCREENSHOT_DIR, "imports-settings.png") });
    await page.close();
  }, 120_000);

  it("the dashboard shows the imported days with the marker, and the switch hides them", async () => {
    const page = await desktop.newPage();
    await page.goto(`${base}?${days}`);
    await poll(() => visitors(page)).toBe("250");
    await page.getByTestId("imported-marker").waitFor();
    expect(await page.getByTestId("imported-marker").textContent()).toBe("Includes imported data");
    await page.locator("[data-testid=main-chart] .recharts-area-area").first().waitFor();
    const sources = page.locator("[data-panel=Sources]");
    // Channels are Trailmark's own classification: the panel says imported data has none.
    await sources.getByTestId("imported-note").waitFor();
    await sources.getByRole("tab", { name: "Referrers" }).click();
    await sources.getByText("google.com").waitFor();
    await page.locator("[data-panel='Revenue by source']").getByTestId("imported-note").waitFor();
    expect(await screenshot(page, "imports-dashboard-light")).toBeGreaterThan(30_000);

    await page.getByRole("switch", { name: "Show imported data" }).click();
    await page.waitForURL(/imported=false/);
    // Hidden, the site has nothing of its own: the marker goes, the "waiting for data" panel shows.
    await page.getByText("Imported data hidden").waitFor();
    await poll(() => page.getByTestId("imported-marker").count()).toBe(0);
    await page.getByRole("switch", { name: "Show imported data" }).click();
    await poll(() => visitors(page)).toBe("250");

    // One filter on a dimension the export has is answered from its rows (imported_locations: DE 70 + 80).
    await page.goto(`${base}?${days}&filter=country:is:DE`);
    await poll(() => visitors(page)).toBe("150");
    await page.getByTestId("imported-marker").waitFor();
    // A filter the export has no column for leaves imported data out, and says so.
    await page.goto(`${base}?${days}&filter=goal:is:Signup`);
    await page.getByTestId("imported-left-out").waitFor();
    expect(await page.getByTestId("imported-left-out").textContent()).toContain("filter");
    await page.close();
  }, 180_000);

  it("dark and phone", async () => {
    const dark = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1280, height: 900 }, colorScheme: "dark", storageState: await desktop.storageState() });
    const page = await dark.newPage();
    await page.goto(`${base}?${days}`);
    await poll(() => visitors(page)).toBe("250");
    await page.getByTestId("imported-marker").waitFor();
    expect(await screenshot(page, "imports-dashboard-dark")).toBeGreaterThan(30_000);
    await dark.close();

    const phone = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 390, height: 844 }, storageState: await desktop.storageState() });
    const mobile = await phone.newPage();
    await mobile.goto(`${base}?${days}`);
    await poll(() => visitors(mobile)).toBe("250");
    await mobile.getByTestId("imported-marker").waitFor();
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await screenshot(mobile, "imports-dashboard-phone")).toBeGreaterThan(30_000);
    await mobile.goto(`${base}/settings#imports`);
    await mobile.locator("#imports [data-status=done]").waitFor();
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await mobile.locator("#imports").screenshot({ path: path.join(SCREENSHOT_DIR, "imports-settings-phone.png") });
    await phone.close();
  }, 180_000);
});
