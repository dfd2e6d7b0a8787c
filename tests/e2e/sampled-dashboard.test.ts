// A dashboard answered from a sample of visitors (lib/stats/sample.ts) says
// so, in real Chromium: "≈" before the visitors, and under the cards the
// fraction read and the visitor count's margin; light and dark, desktop and
// phone. The app runs with a sampling threshold below the seeded site's rows.
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, disconnectDb } from "@/lib/db";
import { writeBatch, type BufferedEvent } from "@/lib/ingest/batch-writer";
import { useDatabasesOf } from "../helpers/app";
import { screenshot, streamed } from "../helpers/browser";
import { CHROME_UA, seededDashboard, type SeededDashboard } from "../helpers/seeded-dashboard";

const VISITORS = 3_000;
let t: SeededDashboard;

beforeAll(async () => {
  t = await seededDashboard({
    label: "e2e_sampled", owner: "Sam Pler", site: { timezone: "UTC", currency: "USD" }, env: { TRAILMARK_SAMPLE_ABOVE: "1000" },
    seed: async (app, websiteId) => {
      useDatabasesOf(app);
      await connectDb();
      // 3,000 visitors over the last three days, two pageviews each.
      const events: BufferedEvent[] = [];
      const now = Date.now();
      for (let v = 0; v < VISITORS; v++) {
        for (let k = 0; k < 2; k++) {
          events.push({
            id: String(new Types.ObjectId()), websiteId, visitorId: `person-${v}`, sessionId: `visit-${v}`, type: "pageview", path: k ? "/pricing" : "/",
            timestamp: new Date(now - 3 * 86_400_000 + v * 60_000 + k * 20_000).toISOString(),
            context: { channel: v % 2 ? "Direct" : "Organic Search", country: v % 3 ? "DE" : "US", device: "desktop", browser: "Chrome", os: "Linux" },
          });
        }
      }
      for (let i = 0; i < events.length; i += 2_000) await writeBatch(events.slice(i, i + 2_000));
      await disconnectDb();
    },
  });
}, 300_000);
afterAll(() => t?.stop());

describe("a sampled dashboard", () => {
  it("marks the visitors as estimated and states the sample and the margin", async () => {
    const state = await t.desktop.storageState();
    for (const scheme of ["light", "dark"] as const) {
      for (const [device, viewport] of [["desktop", { width: 1440, height: 900 }], ["phone", { width: 390, height: 844 }]] as const) {
        const context = await t.browser.newContext({ userAgent: CHROME_UA, viewport, colorScheme: scheme, storageState: state });
        const page = await context.newPage();
        await page.goto(`${t.base}?period=7d`);
        await streamed(page);
        const note = page.getByTestId("sample-note");
        await expect.poll(async () => (await note.count()) && (await note.textContent())).toMatch(/^Estimated from 1 in (\d+) visitors, so it answers fast: visitors within ±\d+(\.\d)?% \(95% confidence\)/);
        const k = Number(/1 in (\d+)/.exec((await note.textContent())!)![1]);
        expect(k).toBeGreaterThan(1);
        // "≈ n", where n is k times the visitors read: an estimate, near the 3,000 seeded.
        const shown = (await page.getByTestId("metric-visitors").textContent())!.trim();
        const m = /^≈ ([\d,.]+)(k?)$/.exec(shown);
        expect(m, shown).not.toBeNull();
        const visitors = Number(m![1].replace(/,/g, "")) * (m![2] ? 1_000 : 1);
        expect(Math.abs(visitors - VISITORS) / VISITORS).toBeLessThan(0.25);
        await screenshot(page, `sampled-dashboard-${device}-${scheme}`);
        await context.close();
      }
    }
  });
});
