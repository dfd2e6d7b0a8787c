import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cookielessVisitorId, getDailySalt, getPreviousDaySalt, pruneSalts, resetSaltCache, utcDay } from "@/lib/ingest/visitor-id";
import { Salt } from "@/models/Salt";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("salts");

const UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15";
const at = (iso: string) => new Date(iso);

describe("cookielessVisitorId", () => {
  const base = { salt: "s1", websiteId: "65f1c0ffee0123456789abcd", ip: "81.2.69.142", userAgent: UA };

  it("is 32 hex characters and stable for the same inputs", () => {
    const id = cookielessVisitorId(base);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(cookielessVisitorId({ ...base })).toBe(id);
  });

  it("changes with the salt, the website, the IP and the user agent", () => {
    const id = cookielessVisitorId(base);
    const others = [
      cookielessVisitorId({ ...base, salt: "s2" }),
      cookielessVisitorId({ ...base, websiteId: "65f1c0ffee0123456789abce" }),
      cookielessVisitorId({ ...base, ip: "81.2.69.143" }),
      cookielessVisitorId({ ...base, userAgent: `${UA} Extra` }),
    ];
    expect(new Set([id, ...others]).size).toBe(5);
  });

  it("cannot be forged by moving characters between fields", () => {
    const a = cookielessVisitorId({ ...base, ip: "1.2.3.4", userAgent: "5 UA" });
    const b = cookielessVisitorId({ ...base, ip: "1.2.3.45", userAgent: " UA" });
    expect(a).not.toBe(b);
  });

  it("does not contain the IP in any readable form", () => {
    expect(cookielessVisitorId(base)).not.toContain("81");
  });
});

describe("daily salts (real store)", () => {
  beforeEach(async () => {
    resetSaltCache();
    await Salt.deleteMany({});
  });
  afterEach(() => resetSaltCache());

  it("creates one salt per UTC day and reuses it all day", async () => {
    const morning = await getDailySalt(at("2026-03-10T00:00:01Z"));
    resetSaltCache(); // as another process would
    const evening = await getDailySalt(at("2026-03-10T23:59:59Z"));
    expect(morning).toMatch(/^[0-9a-f]{64}$/);
    expect(evening).toBe(morning);
    expect(await Salt.countDocuments({})).toBe(1);
    expect(await Salt.findOne({ day: "2026-03-10" }).lean()).toMatchObject({ salt: morning });
  });

  it("rotates at UTC midnight", async () => {
    const monday = await getDailySalt(at("2026-03-09T23:59:59Z"));
    const tuesday = await getDailySalt(at("2026-03-10T00:00:00Z"));
    expect(tuesday).not.toBe(monday);
    expect(await getPreviousDaySalt(at("2026-03-10T12:00:00Z"))).toBe(monday);
  });

  it("serves repeated calls from memory", async () => {
    const now = at("2026-03-10T12:00:00Z");
    const salt = await getDailySalt(now);
    await Salt.deleteMany({}); // if the store were read again, a new salt would appear
    expect(await getDailySalt(now)).toBe(salt);
  });

  it("agrees on one salt when many callers start at once", async () => {
    const now = at("2026-03-11T08:00:00Z");
    const salts = await Promise.all(Array.from({ length: 10 }, () => getDailySalt(now)));
    expect(new Set(salts).size).toBe(1);
    expect(await Salt.countDocuments({ day: "2026-03-11" })).toBe(1);
  });

  it("agrees on one salt when two processes race (the unique index decides)", async () => {
    const now = at("2026-03-12T08:00:00Z");
    const first = getDailySalt(now);
    resetSaltCache(); // a second process: no shared memory
    const second = getDailySalt(now);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b);
    expect(await Salt.countDocuments({ day: "2026-03-12" })).toBe(1);
  });

  it("adopts the salt another process wrote between its read and its insert", async () => {
    await Salt.create({ day: "2026-03-13", salt: "theirs", createdAt: at("2026-03-13T00:00:00Z") });
    // Our first read happened just before their insert landed.
    const findOne = vi.spyOn(Salt, "findOne").mockReturnValueOnce({ lean: async () => null } as unknown as ReturnType<typeof Salt.findOne>);
    const create = vi.spyOn(Salt, "create");
    expect(await getDailySalt(at("2026-03-13T10:00:00Z"))).toBe("theirs");
    expect(create).toHaveBeenCalledTimes(1); // tried, hit the unique index, re-read
    expect(await Salt.countDocuments({ day: "2026-03-13" })).toBe(1);
    findOne.mockRestore();
    create.mockRestore();
  });

  it("keeps today's and yesterday's salts and deletes older ones", async () => {
    await Salt.insertMany(
      ["2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"].map((day) => ({ day, salt: `salt-${day}`, createdAt: at(`${day}T00:00:00Z`) })),
    );
    const deleted = await pruneSalts(at("2026-03-10T06:00:00Z"));
    expect(deleted).toBe(2);
    const days = (await Salt.find({}).lean()).map((s) => s.day).sort();
    expect(days).toEqual(["2026-03-09", "2026-03-10"]);
    // Just past midnight, yesterday's day began 24 h ago and stays; the day before is past 48 h.
    expect(await pruneSalts(at("2026-03-11T00:00:01Z"))).toBe(1);
    expect((await Salt.find({}).lean()).map((s) => s.day)).toEqual(["2026-03-10"]);
  });

  it("prunes old salts when it creates a new day's salt", async () => {
    await Salt.create({ day: "2026-03-01", salt: "ancient", createdAt: at("2026-03-01T00:00:00Z") });
    await getDailySalt(at("2026-03-10T09:00:00Z"));
    expect(await Salt.countDocuments({ day: "2026-03-01" })).toBe(0);
  });

  it("has no previous-day salt until one was made, and never invents one", async () => {
    expect(await getPreviousDaySalt(at("2026-03-10T12:00:00Z"))).toBeNull();
    expect(await Salt.countDocuments({})).toBe(0);
  });

  it("derives the same cookieless id for a visitor all day, a new one tomorrow", async () => {
    const visit = async (iso: string) =>
      cookielessVisitorId({ salt: await getDailySalt(at(iso)), websiteId: "65f1c0ffee0123456789abcd", ip: "81.2.69.142", userAgent: UA });
    const morning = await visit("2026-03-10T08:00:00Z");
    expect(await visit("2026-03-10T20:00:00Z")).toBe(morning);
    expect(await visit("2026-03-11T08:00:00Z")).not.toBe(morning);
  });

  it("formats days in UTC", () => {
    expect(utcDay(at("2026-03-10T23:59:59.999Z"))).toBe("2026-03-10");
    expect(utcDay(new Date("2026-03-10T23:30:00-05:00"))).toBe("2026-03-11");
  });
});
