import { describe, expect, it } from "vitest";
import { engineTime } from "@/lib/engine/time";
import { countAccepted, pendingByWebsite, pendingEvents, readCounted, writeCounted } from "@/lib/billing/usage/pending";
import { monthOf, projectMonth } from "@/lib/billing/usage/month";

const row = (website_id: string, at: number, extra = 0) => ({ website_id, ts: engineTime(at), extra });
const turn = () => new Promise((r) => setImmediate(r));
const settleWritten = (rows: ReturnType<typeof row>[]) => writeCounted(async () => rows);

describe("events accepted and not yet in the engine", () => {
  it("are counted per website and UTC month, and taken off once written (never below zero)", async () => {
    const now = Date.now();
    const month = monthOf(now);
    const nextMonth = monthOf(month.to);
    for (let i = 0; i < 5; i++) countAccepted("site-a", now);
    countAccepted("site-b", now);
    countAccepted("site-a", month.to + 1000); // an event just past the month's end counts in the next
    expect(pendingEvents(["site-a"], month.key)).toBe(5);
    expect(pendingEvents(["site-a", "site-b", "site-c"], month.key)).toBe(6);
    expect(pendingEvents(["site-a"], nextMonth.key)).toBe(1);

    await settleWritten([row("site-a", now), row("site-a", now), row("site-b", now), row("site-b", now)]);
    expect(pendingByWebsite(month.key)).toEqual(new Map([["site-a", 3]]));
    // Extra rows (goals from a site's server, payment markers) and rows from before this process were never counted here.
    await settleWritten([row("site-a", now, 1), row("site-a", now - 86_400_000 * 400)]);
    expect(pendingEvents(["site-a"], month.key)).toBe(3);
    await settleWritten([row("site-a", month.to + 1000)]);
    expect(pendingEvents(["site-a"], nextMonth.key)).toBe(0);
  });

  it("are read and written in turns: a read waits for the write under way, and a write for the reads", async () => {
    const seen: string[] = [];
    const gate = () => {
      let open = () => {};
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { open, opened };
    };
    const insert = gate();
    const writing = writeCounted(async () => (await insert.opened, seen.push("written"), []));
    const reading = readCounted(async () => seen.push("read"));
    // No I/O here: once the event loop turns, everything that could run has run.
    await turn();
    expect(seen).toEqual([]);
    insert.open();
    await Promise.all([writing, reading]);
    expect(seen).toEqual(["written", "read"]);

    const query = gate();
    const read = readCounted(async () => (await query.opened, seen.push("counted")));
    const write = writeCounted(async () => (seen.push("written again"), []));
    await turn();
    expect(seen).toHaveLength(2);
    query.open();
    await Promise.all([read, write]);
    expect(seen.slice(2)).toEqual(["counted", "written again"]);
  });
});

describe("months", () => {
  it("are UTC calendar months", () => {
    expect(monthOf(Date.UTC(2026, 11, 31, 23, 59))).toEqual({ key: "2026-12", from: Date.UTC(2026, 11, 1), to: Date.UTC(2027, 0, 1) });
    expect(monthOf(new Date("2026-03-01T00:30:00+02:00")).key).toBe("2026-02");
  });

  it("project the month's count at its pace so far, the first day counting as a whole day", () => {
    const feb = monthOf(Date.UTC(2026, 1, 10));
    expect(projectMonth(700, feb, Date.UTC(2026, 1, 8))).toBe(2800); // 7 of 28 days
    expect(projectMonth(50, feb, Date.UTC(2026, 1, 1, 1))).toBe(1400); // an hour in: as if a day had passed
    expect(projectMonth(900, feb, Date.UTC(2026, 2, 5))).toBe(900); // the month is over
  });
});
