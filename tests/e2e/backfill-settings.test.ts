// Payment history in real Chromium: the owner picks Paddle, gives a key, and the backfill (Paddle's SDK against a
// local server speaking its list endpoints) runs to done; a rejected key shows Paddle's reason. Screenshots light, dark, phone.
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysAgo } from "../helpers/backfills";
import { SCREENSHOT_DIR } from "../helpers/browser";
import { paddleAdjustment, paddleTransaction, startFakePaddle } from "../helpers/fake/paddle";
import { CHROME_UA, seededDashboard, type SeededDashboard } from "../helpers/seeded-dashboard";

const KEY = `pdl_live_apikey_01h${"e".repeat(24)}_${"f".repeat(22)}`;
let t: SeededDashboard;
let paddle: Awaited<ReturnType<typeof startFakePaddle>>;

beforeAll(async () => {
  paddle = await startFakePaddle({ key: KEY });
  const paid = [3, 20, 45].map((d) => paddleTransaction({ total: 1900, billedAt: daysAgo(d) }));
  for (const p of paid) paddle.addTransaction(p);
  paddle.addAdjustment(paddleAdjustment({ transactionId: paid[1].id, total: 1900, createdAt: daysAgo(18) }));
  t = await seededDashboard({ label: "e2e_backfill", owner: "Bea Backfill", env: { TRAILMARK_PADDLE_API_URL: paddle.url }, seed: async () => {} });
});
afterAll(async () => {
  await t?.stop();
  await paddle?.close();
});

async function startBackfill(page: Page, key: string) {
  const section = page.locator("#backfill");
  await section.getByLabel("Provider").selectOption("paddle");
  await section.getByLabel("Read-only API key").fill(key);
  await section.getByRole("button", { name: "Backfill", exact: true }).click();
  await section.getByText("Backfill started").waitFor();
  return section;
}

describe("Payment history in the browser", () => {
  it("backfills from Paddle, shows the counts, and a rejected key's reason", async () => {
    const page = await t.desktop.newPage();
    await page.goto(`${t.base}/settings#backfill`);
    const section = page.locator("#backfill");
    // LemonSqueezy asks for its (optional) store id; the others do not.
    await section.getByLabel("Provider").selectOption("lemonsqueezy");
    await section.getByLabel(/LemonSqueezy store id/).waitFor();
    expect(await section.textContent()).toContain("orders and subscription invoices");

    await startBackfill(page, KEY);
    const done = section.locator("[data-status=done]");
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toMatch(/3 payments, 1 refund(?!s)/);
    expect(paddle.lists().filter((r) => r.path === "/transactions").length).toBe(2);

    await startBackfill(page, `${KEY}x`);
    const failed = section.locator("[data-status=failed]");
    await failed.waitFor({ timeout: 60_000 });
    expect(await failed.textContent()).toContain('Paddle rejected the API key ("Invalid or revoked API key.")');
    expect(await section.textContent()).not.toContain(KEY.slice(0, 24));
    await section.screenshot({ path: path.join(SCREENSHOT_DIR, "backfill-settings.png") });
    await page.close();
  }, 180_000);

  it("dark and phone", async () => {
    for (const [name, viewport, colorScheme] of [["backfill-settings-dark", { width: 1280, height: 900 }, "dark"], ["backfill-settings-phone", { width: 390, height: 844 }, "light"]] as const) {
      const ctx = await t.browser.newContext({ userAgent: CHROME_UA, viewport, colorScheme, storageState: await t.desktop.storageState() });
      const page = await ctx.newPage();
      await page.goto(`${t.base}/settings#backfill`);
      await page.locator("#backfill [data-status=failed]").waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await page.locator("#backfill").screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
      await ctx.close();
    }
  }, 120_000);
});
