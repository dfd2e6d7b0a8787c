// The weekly email report as a reader sees it: built from the store, mailed to
// a local SMTP server, and the HTML received opened in real Chromium at a
// desktop width and at a 375 px phone width, with and without its <style>.
// Screenshots land in test-results/screenshots (email-report-*.png).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendReport } from "@/lib/reports/send";
import { User } from "@/models/User";
import { Website } from "@/models/Website";
import { makePayment, makeVisit } from "../factories";
import { launchBrowser, screenshot } from "../helpers/browser";
import { useTestDatabase } from "../helpers/db";
import { useSmtp } from "../helpers/smtp";

process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
process.env.NEXTAUTH_URL = "https://trailmark.example";
useTestDatabase("e2e_email_report");

const smtp = useSmtp();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const NOW = new Date("2026-11-18T09:00:00Z"); // last week: Mon 9 to Sun 15 Nov
const LONG_PATH = "/blog/2026/11/how-we-tied-every-checkout-to-the-campaign-that-brought-the-buyer";
const LONG_SOURCE = "weekly-digest.newsletters.example-publication.com";

/** A shop with a busy week and a quieter one before it, and a second site with no traffic at all. */
async function seedOwner() {
  const user = await User.create({ email: `reader-${Date.now()}@example.com`, name: "Reader", emailReports: { weekly: true } });
  const shop = await Website.create({ userId: user._id, domain: "acme-outdoor-supplies.example", name: "Acme Outdoor Supplies", timezone: "Europe/Berlin", currency: "EUR" });
  await Website.create({ userId: user._id, domain: "side.example", name: "Side project", timezone: "America/New_York", currency: "USD" });
  const week = (day: number, hour: number) => new Date(Date.UTC(2026, 10, day, hour));
  const sources = ["news.ycombinator.com", "google.com", LONG_SOURCE, "twitter.com", "github.com", "reddit.com"];
  const paths = ["/", "/pricing", LONG_PATH, "/docs/getting-started", "/checkout", "/about"];
  for (let i = 0; i < 1_240; i++) {
    const context: Record<string, string> = i % 4 === 0 ? {} : { referrerDomain: sources[i % sources.length] };
    await makeVisit(shop._id, week(9 + (i % 7), 8 + (i % 12)), { visitorId: `v${i}`, paths: [paths[i % paths.length], paths[(i * 7) % paths.length]], context });
  }
  for (let i = 0; i < 800; i++) await makeVisit(shop._id, week(2 + (i % 7), 10), { visitorId: `p${i}`, paths: [paths[i % 3]] });
  await makePayment(shop._id, week(10, 12), 1_234_567, { currency: "EUR" });
  await makePayment(shop._id, week(12, 15), 98_000, { currency: "EUR" });
  await makePayment(shop._id, week(4, 15), 1_000_000, { currency: "EUR" });
  return user;
}

describe("the email report in a browser", () => {
  it("reads at desktop and phone widths: no overflow, every key figure visible, nothing loaded from outside", async () => {
    const user = await seedOwner();
    await sendReport(String(user._id), "weekly", { now: NOW });
    const html = smtp.messages.at(-1)!.html;
    // Some clients drop <style>: the inline layout alone must fit a phone too.
    const inlineOnly = html.replace(/<style>[\s\S]*?<\/style>/, "");
    expect(inlineOnly).not.toBe(html);

    for (const [name, width, mail] of [["desktop", 1280, html], ["phone", 375, html], ["phone-inline-only", 375, inlineOnly]] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      await page.setContent(mail, { waitUntil: "load" });
      expect(requests, "a mail must not load fonts or images from anywhere").toEqual([]);
      // Taken before the checks, so a failing layout can be looked at.
      expect(await screenshot(page, `email-report-${name}`), name).toBeGreaterThan(20_000);

      // Nothing wider than the screen: a phone mail client would scroll sideways or shrink the text.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(width);
      for (const figure of ["1,240", "€13,325.67", "+55% vs previous", "+33% vs previous", LONG_SOURCE, LONG_PATH]) {
        const el = page.getByText(figure, { exact: true }).first();
        expect(await el.isVisible(), `${figure} at ${name}`).toBe(true);
        const box = (await el.boundingBox())!;
        expect(box.x, `${figure} at ${name}`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${figure} at ${name}`).toBeLessThanOrEqual(width);
      }
      expect(await page.getByText("Side project").isVisible()).toBe(true);
      // The three figure cards share a row at desktop width and stack on a phone.
      const top = async (label: string) => (await page.getByText(label, { exact: true }).first().boundingBox())!.y;
      const [visitorsY, revenueY] = [await top("Visitors"), await top("Revenue")];
      if (width > 600) expect(revenueY, name).toBe(visitorsY);
      else expect(revenueY, name).toBeGreaterThan(visitorsY + 100);
      await page.close();
    }
  });
});
