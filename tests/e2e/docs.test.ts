// The docs page (/docs) serves the README to site owners: reachable from the
// landing page, with a menu of every section (a folded menu on a phone), the
// tag and its options, each provider's setup, in light and dark, and nothing
// wider than a phone (screenshots: desktop and phone, light and dark).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../helpers/app";
import { launchBrowser, screenshot } from "../helpers/browser";
import { readmeDocs } from "@/lib/docs/readme-sections";

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ label: "e2e_docs" }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const docs = readmeDocs();
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
/** Whether the element's top is inside the viewport (after a jump to its anchor). */
const onScreen = (page: Page, id: string) =>
  page.evaluate((id) => {
    const top = document.getElementById(id)!.getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight;
  }, id);

describe("/docs", () => {
  it("is linked from the landing page's header and its install section", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${app.url}/`);
      await page.getByRole("banner").getByRole("link", { name: "Docs", exact: true }).click();
      await page.waitForURL(`${app.url}/docs`);
      await page.getByRole("heading", { level: 1, name: "Trailmark docs" }).waitFor();
      await page.close();
    }
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${app.url}/`);
    await page.getByRole("main").getByRole("link", { name: "docs", exact: true }).click();
    await page.waitForURL(`${app.url}/docs`);
    await page.close();
  });

  it("lists every section in its menu, and a menu entry jumps to its section", async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${app.url}/docs`);
    const menu = page.getByRole("navigation", { name: "Contents" });
    for (const section of docs.sections) await menu.getByRole("link", { name: section.title, exact: true }).waitFor();
    expect(await page.locator("main h2").allTextContents()).toEqual(
      [...docs.sections.filter((s) => s.group === "Guides"), ...docs.sections.filter((s) => s.group === "Running Trailmark")].map((s) => s.title),
    );
    expect(await onScreen(page, "payments")).toBe(false);
    await menu.getByRole("link", { name: "Payments", exact: true }).click();
    await expect.poll(() => onScreen(page, "payments")).toBe(true);
    expect(page.url()).toBe(`${app.url}/docs#payments`);
    // The tag and its options, as the README gives them.
    const tracking = page.locator("article", { has: page.locator("#tracking-a-site") });
    expect(await tracking.locator("pre").first().textContent()).toContain('data-website-id="WEBSITE_ID"');
    expect(await tracking.textContent()).toContain("data-include-localhost");
    // A link inside the text lands on its section too.
    await tracking.getByRole("link", { name: "Privacy", exact: true }).first().click();
    await expect.poll(() => onScreen(page, "privacy")).toBe(true);
    await page.getByRole("banner").getByRole("link", { name: "API reference" }).click();
    await page.waitForURL(`${app.url}/docs/api`);
    await page.getByRole("banner").getByRole("link", { name: "Docs", exact: true }).click();
    await page.waitForURL(`${app.url}/docs`);
    await page.close();
  });

  it("folds the menu on a phone, fits 390 px, and follows the dark scheme", async () => {
    const light = await browser.newPage({ viewport: PHONE, colorScheme: "light" });
    await light.goto(`${app.url}/docs`);
    expect(await light.getByRole("navigation", { name: "Contents" }).isVisible()).toBe(false);
    const folded = light.locator("details", { hasText: "Contents" });
    expect(await folded.getByRole("link", { name: "Payments" }).isVisible()).toBe(false);
    await folded.getByText("Contents").click();
    await folded.getByRole("link", { name: "Payments", exact: true }).click();
    await expect.poll(() => onScreen(light, "payments")).toBe(true);
    // Wide code and tables scroll inside their box; the page itself does not.
    expect(await light.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // Tables of up to three columns (settings, extensions, providers' events) read without scrolling
    // sideways: long names wrap. Wider ones (figures, drills) scroll inside their own box.
    const tables = await light
      .locator("main table")
      .evaluateAll((all) => all.map((t) => ({ columns: (t as HTMLTableElement).rows[0].cells.length, overflow: t.scrollWidth - t.clientWidth })));
    const narrow = tables.filter((t) => t.columns <= 3);
    expect(narrow.length).toBeGreaterThan(3);
    expect(narrow.filter((t) => t.overflow > 1)).toEqual([]);
    await screenshot(light, "docs-phone-light");

    const dark = await browser.newPage({ viewport: PHONE, colorScheme: "dark" });
    await dark.goto(`${app.url}/docs`);
    await dark.getByRole("heading", { level: 1 }).waitFor();
    expect(await dark.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    expect(await background(dark)).not.toBe(await background(light));
    expect(await dark.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(dark, "docs-phone-dark");
    await Promise.all([light.close(), dark.close()]);

    for (const colorScheme of ["light", "dark"] as const) {
      const page = await browser.newPage({ viewport: DESKTOP, colorScheme });
      await page.goto(`${app.url}/docs`);
      await page.getByRole("navigation", { name: "Contents" }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(DESKTOP.width);
      await screenshot(page, `docs-desktop-${colorScheme}`);
      await page.close();
    }
  });
});
