// The API reference is reachable from the UI: the landing page's header and
// its snippet section, and a website's Settings → API keys, in real Chromium
// (screenshots: desktop and phone, light and dark).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, uniqueDomain } from "../helpers/api";
import { startApp, type TestApp } from "../helpers/app";
import { launchBrowser, screenshot } from "../helpers/browser";
import { newUser } from "../helpers/client";
import { CHROME_UA, signIn } from "../helpers/seeded-dashboard";

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ label: "e2e_apidocs" }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const VIEWS = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

describe("links to /docs/api", () => {
  it("from the landing page", async () => {
    for (const view of VIEWS) {
      for (const colorScheme of ["light", "dark"] as const) {
        const page = await browser.newPage({ viewport: view.viewport, colorScheme });
        await page.goto(`${app.url}/`);
        expect(await screenshot(page, `landing-${view.name}-${colorScheme}`)).toBeGreaterThan(10_000);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(view.viewport.width);
        await page.close();
      }
    }
    const page = await browser.newPage();
    await page.goto(`${app.url}/`);
    await page.getByRole("link", { name: "REST API" }).waitFor();
    await page.getByRole("banner").getByRole("link", { name: "API docs" }).click();
    await page.waitForURL(`${app.url}/docs/api`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await page.close();
  });

  it("from a website's Settings → API keys", async () => {
    const owner = await newUser(app.url, "Docs Reader");
    const site = await createSite(owner.client, { domain: uniqueDomain("docs") });
    const context = await browser.newContext({ userAgent: CHROME_UA, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.url, owner.email, owner.password);
    await page.goto(`${app.url}/dashboard/${site.id}/settings#api-keys`);
    const section = page.getByRole("main").locator("#api-keys");
    await section.getByText("No API keys yet.").waitFor();
    await section.scrollIntoViewIfNeeded();
    expect(await screenshot(page, "settings-api-keys")).toBeGreaterThan(10_000);
    await section.getByRole("link", { name: "API reference" }).click();
    await page.waitForURL(`${app.url}/docs/api`);
    await context.close();
  });
});
