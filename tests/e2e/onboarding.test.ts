import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../helpers/app";
import { launchBrowser, screenshot } from "../helpers/browser";

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ label: "e2e_onboarding" }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("a newcomer in real Chromium", () => {
  it("signs up, adds a site, gets its snippet, sees the empty dashboard and signs out", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}/signup`);
    await page.getByLabel("Name").fill("Nia Founder");
    await page.getByLabel("Email").fill("nia@example.com");
    await page.getByLabel("Password").fill("a-long-password");
    await page.getByRole("button", { name: /sign up|create account/i }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByText(/No sites yet/i).first().waitFor();
    expect(await screenshot(page, "dashboard-empty")).toBeGreaterThan(5_000);

    await page.goto(`${app.url}/dashboard/new`);
    await page.getByLabel(/domain/i).fill("https://www.Nia-Shop.com/pricing");
    await page.getByRole("button", { name: /add site|create/i }).click();
    const snippet = page.locator("text=/data-website-id=/");
    await snippet.first().waitFor();
    const text = (await snippet.first().textContent()) ?? "";
    expect(text).toContain('data-domain="nia-shop.com"');
    const websiteId = /data-website-id="([a-f0-9]{24})"/.exec(text)?.[1];
    expect(websiteId).toBeDefined();
    expect(await screenshot(page, "site-created")).toBeGreaterThan(5_000);

    await page.goto(`${app.url}/dashboard/${websiteId}`);
    await page.getByText(/Waiting for the first event/i).first().waitFor();
    expect(await screenshot(page, "site-empty")).toBeGreaterThan(5_000);

    await page.getByRole("button", { name: /sign out/i }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto(`${app.url}/dashboard`);
    await page.waitForURL(/\/login/);
  });

  it("keeps signed-out visitors out of the dashboard", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/dashboard`);
    await page.waitForURL(/\/login\?callbackUrl=/);
  });
});
