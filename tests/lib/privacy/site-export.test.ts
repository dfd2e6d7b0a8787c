// The site export: a zip of pageviews, goals, sessions and payments CSV files
// with the documented columns, read back with an independent reader; and a
// site of 100,000 events exported by `npm run export`'s script in a process
// whose heap is capped, which a whole-site array would blow.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { eventRow, insertEvents } from "@/lib/engine/events";
import { PAYMENT_COLUMNS, SESSION_COLUMNS, siteExportZip } from "@/lib/privacy/site-export";
import { EXPORT_COLUMNS } from "@/lib/visitors/export-events";
import { makeWebsite } from "../../factories";
import { seedFourVisitors } from "../../factories/stats";
import { parseCsv } from "../../helpers/csv";
import { useTestDatabase } from "../../helpers/db";
import { unzip } from "../../helpers/unzip";

useTestDatabase("siteexport");

async function collect(pieces: AsyncGenerator<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const p of pieces) parts.push(p);
  return Buffer.concat(parts);
}

const byColumn = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0].map((c, i) => [c, r[i]])));

describe("siteExportZip", () => {
  it("holds the four files with their documented columns and every row, and reports progress", async () => {
    const { site } = await seedFourVisitors();
    const seen: Record<string, number> = {};
    const files = unzip(await collect(siteExportZip({ id: String(site._id), timezone: "UTC" }, {}, (file, rows) => (seen[file] = rows))));
    expect([...files.keys()]).toEqual(["pageviews.csv", "goals.csv", "sessions.csv", "payments.csv"]);
    const pageviews = parseCsv(files.get("pageviews.csv")!);
    const goals = parseCsv(files.get("goals.csv")!);
    const sessions = parseCsv(files.get("sessions.csv")!);
    const payments = parseCsv(files.get("payments.csv")!);
    expect([pageviews[0], goals[0], sessions[0], payments[0]]).toEqual([EXPORT_COLUMNS, EXPORT_COLUMNS, SESSION_COLUMNS, PAYMENT_COLUMNS]);
    // a 2 views, b 1, c 2, d 1 + 3, e 1 + 1; goals signup and newsletter; seven visits; five payments.
    expect([pageviews.length - 1, goals.length - 1, sessions.length - 1, payments.length - 1]).toEqual([11, 2, 7, 5]);
    expect(seen).toEqual({ "pageviews.csv": 11, "goals.csv": 2, "sessions.csv": 7, "payments.csv": 5 });
    const d = byColumn(sessions).find((s) => s.visitor_id === "d" && s.pageviews === "3");
    expect(d).toMatchObject({ entry_page: "/", exit_page: "/docs", duration_seconds: "120", country: "FR", device: "tablet" });
    const refunded = byColumn(payments).find((p) => p.amount === "3000");
    expect(refunded).toMatchObject({ refunded_amount: "3000", currency: "USD", status: "refunded", visitor_id: "c", first_channel: "Organic Social" });
    expect(byColumn(goals).map((g) => g.name).sort()).toEqual(["newsletter", "signup"]);
  });

  it("exports a date range only", async () => {
    const { site } = await seedFourVisitors();
    const files = unzip(await collect(siteExportZip({ id: String(site._id), timezone: "UTC" }, { from: { day: "2026-03-10" }, to: { day: "2026-03-10" } })));
    // Only d's second visit started on the 10th.
    expect(byColumn(parseCsv(files.get("sessions.csv")!)).map((s) => s.visitor_id)).toEqual(["d"]);
    expect(parseCsv(files.get("pageviews.csv")!).length - 1).toBe(3);
    expect(parseCsv(files.get("payments.csv")!).length - 1).toBe(0);
  });
});

describe("npm run export on a site of 100,000 events", () => {
  it("streams the whole site to a zip with the heap capped at 128 MiB, printing progress", async () => {
    const site = await makeWebsite();
    const websiteId = String(site._id);
    const t0 = Date.UTC(2026, 0, 1);
    // 20,000 visits of five pageviews each, a minute apart, written straight to the engine.
    for (let batch = 0; batch < 5; batch++) {
      const rows = [];
      for (let v = batch * 4_000; v < (batch + 1) * 4_000; v++) {
        const start = t0 + v * 120_000;
        for (let k = 0; k < 5; k++) {
          rows.push(eventRow(
            { id: String(new Types.ObjectId()), websiteId, visitorId: `v${v % 7_000}`, sessionId: `s${v}`, type: "pageview", timestamp: start + k * 60_000, path: `/page/${(v + k) % 300}`, title: "A page title of ordinary length" },
            { start, first: k === 0, view: k + 1, seconds: k ? 60 : 0, context: { entryPage: `/page/${v % 300}`, channel: "Organic Search", referrerDomain: "google.com", country: "DE", device: "desktop", browser: "Firefox", os: "Linux" } },
          ));
        }
      }
      await insertEvents(rows);
    }
    const dir = mkdtempSync(path.join(tmpdir(), "tm-export-"));
    const out = path.join(dir, "site.zip");
    try {
      const root = path.resolve(import.meta.dirname, "../../..");
      const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/export-site.ts", websiteId, out], {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=128" },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(code, stderr).toBe(0);
      expect(stderr).toContain("pageviews.csv: 100000/100000 rows (100%)");
      expect(stderr).toContain("sessions.csv: 20000/20000 rows (100%)");
      const files = unzip(readFileSync(out));
      const pageviews = files.get("pageviews.csv")!.split("\r\n");
      expect(pageviews.length - 2).toBe(100_000); // header, and the empty string after the last CRLF
      expect(new Set(pageviews.slice(1, -1).map((l) => l.split(",")[3])).size).toBe(20_000);
      expect(files.get("sessions.csv")!.split("\r\n").length - 2).toBe(20_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
