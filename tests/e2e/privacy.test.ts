// The privacy screens in real Chromium: a site's retention setting saved from
// Settings, the dashboard chart leaving the days before the held range empty
// with a note, and a visitor erased from their profile. Screenshots at desktop
// and phone widths, light and dark, in test-results/screenshots.
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "@/lib/db";
import { Identity } from "@/models";
import { makePayment, makeVisit } from "../factories";
import { useDatabasesOf, type TestApp } from "../helpers/app";
import { hydrated, screenshot, streamed } from "../helpers/browser";
import { CHROME_UA, seededDashboard, type SeededDashboard } from "../helpers/seeded-dashboard";

let app: TestApp;
let t: SeededDashboard;
const DAY = 86_400_000;

async function seed(websiteId: string) {
  useDatabasesOf(app);
  const { Types } = await import("mongoose");
  await connectDb();
  const wid = new Types.ObjectId(websiteId);
  // Visits over the last two months, so a 30-day retention cuts the range in two.
  for (let d = 2; d < 60; d += 3) await makeVisit(wid, new Date(Date.now() - d * DAY), { visitorId: `v${d}`, paths: ["/", "/pricing"] });
  await makeVisit(wid, new Date(Date.now() - DAY), { visitorId: "erase-me", paths: ["/", "/account"], country: "FR" });
  await Identity.create({ websiteId: wid, visitorId: "erase-me", userId: "user_gdpr", name: "Grace Request" });
  await makePayment(wid, new Date(Date.now() - DAY + 60_000), 2900, { visitorId: "erase-me" });
  await disconnectDb();
}

beforeAll(async () => {
  t = await seededDashboard({ label: "e2e_privacy", owner: "Pia Owner", site: {}, seed: (started, id) => ((app = started), seed(id)) });
}, 180_000);
afterAll(() => t?.stop());

/** Desktop and phone, light and dark: a context each, signed in like the desktop one. */
async function views(): Promise<{ name: string; ctx: BrowserContext }[]> {
  const state = await t.desktop.storageState();
  const out = [];
  for (const [size, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]] as const) {
    for (const colorScheme of ["light", "dark"] as const) {
      out.push({ name: `${size}-${colorScheme}`, ctx: await t.browser.newContext({ userAgent: CHROME_UA, viewport, colorScheme, storageState: state }) });
    }
  }
  return out;
}

describe("privacy in the dashboard", () => {
  it("saves a retention period from Settings, and the chart says what is no longer held", async () => {
    const page = await t.desktop.newPage();
    await page.goto(`${t.base}/settings#data`);
    await streamed(page);
    const save = await hydrated(page.locator("#data").getByRole("button", { name: "Save" }));
    await page.getByLabel("Keep visitor data for (days)").fill("30");
    await save.click();
    await page.getByText("Visits older than 30 days will be deleted daily").waitFor();
    const stored = await (await page.request.get(`${t.app.url}/api/websites/${t.site.id}`)).json();
    expect(stored.website.settings.retentionDays).toBe(30);
    expect(await page.locator("#data a", { hasText: "Export all data" }).getAttribute("href")).toBe(`/api/websites/${t.site.id}/export?format=zip`);

    for (const v of await views()) {
      const p = await v.ctx.newPage();
      await p.goto(`${t.base}/settings#data`);
      await streamed(p);
      await p.locator("#data").scrollIntoViewIfNeeded();
      expect(await p.getByLabel("Keep visitor data for (days)").inputValue()).toBe("30");
      await screenshot(p, `privacy-settings-${v.name}`);
      await p.goto(`${t.base}?period=12mo`);
      const note = p.getByTestId("retention-note");
      await note.waitFor();
      expect(await note.textContent()).toContain("keeps visitor data for 30 days");
      await screenshot(p, `privacy-dashboard-${v.name}`);
      await v.ctx.close();
    }
    // A range inside the held days needs no note.
    await page.goto(`${t.base}?period=7d`);
    await streamed(page);
    await page.getByTestId("main-chart").waitFor();
    await page.getByText("Visitors and revenue").waitFor();
    expect(await page.getByTestId("retention-note").count()).toBe(0);
  }, 300_000);

  it("erases a visitor from their profile, after a confirming second click", async () => {
    for (const v of await views()) {
      const p = await v.ctx.newPage();
      await p.goto(`${t.base}/visitors/erase-me`);
      await p.getByRole("button", { name: "Erase visitor" }).waitFor();
      await screenshot(p, `privacy-visitor-${v.name}`);
      await v.ctx.close();
    }
    const page = await t.desktop.newPage();
    await page.goto(`${t.base}/visitors/erase-me`);
    await page.getByText("Grace Request").first().waitFor();
    await page.getByRole("button", { name: "Erase visitor" }).click();
    await page.getByRole("button", { name: "Erase everything about this visitor" }).click();
    await page.waitForURL(t.base);
    // The profile is gone: the page answers not found.
    await page.goto(`${t.base}/visitors/erase-me`);
    await page.getByText("not found").first().waitFor();
    expect(await page.getByText("Grace Request").count()).toBe(0);
    // Their payment is still revenue.
    const overview = await (await page.request.get(`${t.app.url}/api/websites/${t.site.id}/stats/overview?period=7d`)).json();
    expect(overview).toMatchObject({ revenue: 2900, payments: 1 });
  }, 300_000);
});
