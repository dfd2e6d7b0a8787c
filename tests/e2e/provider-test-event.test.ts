// Payment provider cards in real Chromium: the events to subscribe to, the
// checkout code that passes trailmark.visitorId(), and "Send a test event",
// which the server signs with the saved secret the provider's way and posts
// to its own webhook endpoint, where the providers' SDKs verify it. A test
// event records nothing. Screenshots of a card: 1440 and 390 px, light and dark.
import type { Browser, Page } from "playwright-core";
import type mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, uniqueDomain, type WebsiteBody } from "../helpers/api";
import { startApp, type TestApp } from "../helpers/app";
import { hydrated, launchBrowser, SCREENSHOT_DIR } from "../helpers/browser";
import { newUser } from "../helpers/client";
import { CHROME_UA, signIn } from "../helpers/seeded-dashboard";
import { openDb } from "../helpers/track";
import { SECRETS, type Provider } from "../helpers/webhooks";

let app: TestApp;
let browser: Browser;
let db: mongoose.Connection;
let owner: Awaited<ReturnType<typeof newUser>>;
let site: WebsiteBody;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ label: "e2e_provider_test" }), launchBrowser()]);
  db = await openDb(app.dbUri);
  owner = await newUser(app.url, "Pat Payments");
  site = await createSite(owner.client, { domain: uniqueDomain("paytest") });
});
afterAll(async () => {
  await db?.close();
  await browser?.close();
  await app?.stop();
});

async function settingsPage(viewport = { width: 1440, height: 1000 }, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const context = await browser.newContext({ userAgent: CHROME_UA, viewport, colorScheme });
  const page = await context.newPage();
  await signIn(page, app.url, owner.email, owner.password);
  await page.goto(`${app.url}/dashboard/${site.id}/settings#payments`);
  return page;
}

// Inside main: for a moment after a navigation Next.js can keep a hidden copy of the previous render outside it.
const card = (page: Page, provider: Provider) => page.getByRole("main").getByTestId(`provider-${provider}`);

describe("payment provider cards", () => {
  it("list the events to subscribe to and show checkout code with trailmark.visitorId()", async () => {
    const page = await settingsPage();
    const stripe = card(page, "stripe").getByLabel("Events to subscribe to");
    await stripe.waitFor();
    expect(await stripe.locator("li").allTextContents()).toEqual(["checkout.session.completed", "payment_intent.succeeded", "invoice.paid", "charge.refunded"]);
    for (const provider of ["stripe", "lemonsqueezy", "polar", "paddle"] as const) {
      await card(page, provider).getByText("Checkout code: pass the visitor id").click();
      const code = await card(page, provider).locator("pre").textContent();
      expect(code).toContain("trailmark_visitor_id");
      expect(code).toContain("trailmark.visitorId()");
    }
    // Before a secret is saved there is nothing to sign with.
    expect(await page.getByTestId("test-event-stripe").getByRole("button", { name: "Send a test event" }).isDisabled()).toBe(true);
    await page.context().close();
  });

  it("send a signed test event that each provider's endpoint accepts, and record nothing", async () => {
    const page = await settingsPage();
    for (const provider of ["stripe", "lemonsqueezy", "polar", "paddle"] as const) {
      await (await hydrated(page.locator(`#secret-${provider}`))).fill(SECRETS[provider]);
      await page.locator(`#secret-${provider}`).locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
      const box = page.getByTestId(`test-event-${provider}`);
      const button = box.getByRole("button", { name: "Send a test event" });
      await expect.poll(() => button.isEnabled()).toBe(true);
      await button.click();
      const result = box.locator("[data-result]");
      await result.waitFor();
      expect(await result.getAttribute("data-result"), await result.textContent() ?? "").toBe("accepted");
      expect(await result.textContent()).toContain("signature verified, nothing recorded");
    }
    // Nothing counts as revenue, nothing is remembered as a delivery, and "last received" still waits for the provider.
    expect(await db.collection("payments").countDocuments({})).toBe(0);
    expect(await db.collection("webhookevents").countDocuments({})).toBe(0);
    const website = await db.collection("websites").findOne({ domain: site.domain });
    for (const provider of ["stripe", "lemonsqueezy", "polar", "paddle"]) expect(website?.paymentProviders?.[provider]?.lastReceivedAt ?? null).toBeNull();
    const payments = await owner.client.get(`/api/websites/${site.id}/payments?period=all`);
    expect(payments.status).toBe(200);
    expect(JSON.stringify(await payments.json())).not.toContain("trailmark-test-visitor");
    await page.context().close();
  });

  it("looks right at 1440 and 390 px, light and dark", async () => {
    for (const [name, viewport] of [["1440", { width: 1440, height: 1000 }], ["390", { width: 390, height: 844 }]] as const) {
      for (const scheme of ["light", "dark"] as const) {
        const page = await settingsPage(viewport, scheme);
        const box = page.getByTestId("test-event-paddle");
        await (await hydrated(box.getByRole("button", { name: "Send a test event" }))).click();
        await box.locator("[data-result=accepted]").waitFor();
        await card(page, "paddle").getByText("Checkout code: pass the visitor id").click();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        await card(page, "paddle").screenshot({ path: `${SCREENSHOT_DIR}/provider-card-${name}-${scheme}.png` });
        await page.context().close();
      }
    }
  });
});
