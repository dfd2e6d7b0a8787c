// Reports read weeks and months in each website's time zone: events a few
// minutes either side of the site's local midnight land in the right report,
// and the scheduler mails a week once it has ended where the sites are.
import { describe, expect, it } from "vitest";
import { buildSiteReport, type SiteReport } from "@/lib/reports/build-report";
import { sendDueReports } from "@/lib/reports/job";
import { periodStarting } from "@/lib/reports/period";
import { User } from "@/models/User";
import { Website } from "@/models/Website";
import { makePayment, makeVisit } from "../../factories";
import { useTestDatabase } from "../../helpers/db";
import { useSmtp } from "../../helpers/smtp";

process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
process.env.NEXTAUTH_URL = "https://trailmark.example";
useTestDatabase("reports_tz");

const smtp = useSmtp();

const NZ = "Pacific/Auckland";
const LA = "America/Los_Angeles";
const rand = () => Math.random().toString(36).slice(2, 8);

async function owner(sites: { name: string; timezone: string }[], reports = { weekly: true, monthly: false }) {
  const user = await User.create({ email: `tz-${rand()}@example.com`, name: "Owner", emailReports: reports });
  const websites = [];
  for (const s of sites) websites.push(await Website.create({ userId: user._id, domain: `${rand()}.example`, currency: "USD", ...s }));
  return { user, websites };
}

/** One visit per instant, each on its own page so the report shows which ones it counted. */
async function visits(websiteId: Parameters<typeof makeVisit>[0], at: Record<string, string>) {
  for (const [path, when] of Object.entries(at)) await makeVisit(websiteId, new Date(when), { paths: [path] });
}
const pages = (r: SiteReport) => r.pages.map((p) => p.value).sort();

describe("reports in the website's time zone", () => {
  it("counts a week from the site's Monday 00:00 to its Sunday 24:00 (Auckland and Los Angeles)", async () => {
    const { websites: [nz, la] } = await owner([{ name: "Kiwi", timezone: NZ }, { name: "Coast", timezone: LA }]);
    // Auckland is UTC+13 in November: its Monday 9 Nov starts at 11:00 UTC on Sunday the 8th.
    await visits(nz._id, { "/prev-week": "2026-11-08T10:50:00Z", "/first-minutes": "2026-11-08T11:10:00Z", "/last-minutes": "2026-11-15T10:50:00Z", "/next-week": "2026-11-15T11:10:00Z" });
    // Los Angeles is UTC-8: its Monday 9 Nov starts at 08:00 UTC on the same Monday.
    await visits(la._id, { "/prev-week": "2026-11-09T07:50:00Z", "/first-minutes": "2026-11-09T08:10:00Z", "/last-minutes": "2026-11-16T07:50:00Z", "/next-week": "2026-11-16T08:10:00Z" });
    await makePayment(nz._id, new Date("2026-11-15T10:50:00Z"), 4_000);
    await makePayment(nz._id, new Date("2026-11-15T11:10:00Z"), 900_000); // Monday in Auckland: next week's
    await makePayment(la._id, new Date("2026-11-16T07:50:00Z"), 7_000);
    await makePayment(la._id, new Date("2026-11-09T07:50:00Z"), 3_500); // Sunday in Los Angeles: the week before

    const week = periodStarting("weekly", "2026-11-09");
    for (const site of [nz, la]) {
      const r = await buildSiteReport(site, week);
      expect(pages(r), site.name).toEqual(["/first-minutes", "/last-minutes"]);
      expect(r.visitors, site.name).toEqual({ current: 2, previous: 1, change: 1 });
      expect(r.timezone).toBe(site.timezone);
    }
    expect((await buildSiteReport(nz, week)).revenue).toEqual({ current: 4_000, previous: 0, change: null });
    expect((await buildSiteReport(la, week)).revenue).toEqual({ current: 7_000, previous: 3_500, change: 1 });
    expect(pages(await buildSiteReport(nz, periodStarting("weekly", "2026-11-16")))).toEqual(["/next-week"]);
    expect(pages(await buildSiteReport(la, periodStarting("weekly", "2026-11-02")))).toEqual(["/prev-week"]);
  });

  it("keeps events beside midnight in their week when DST changes during it", async () => {
    const { websites: [nz, la] } = await owner([{ name: "Kiwi", timezone: NZ }, { name: "Coast", timezone: LA }]);
    // Auckland springs forward on Sunday 27 Sep: the week starts at +12 and ends at +13.
    await visits(nz._id, { "/prev-week": "2026-09-20T11:50:00Z", "/first-minutes": "2026-09-20T12:10:00Z", "/last-minutes": "2026-09-27T10:50:00Z", "/next-week": "2026-09-27T11:10:00Z" });
    // Los Angeles falls back on Sunday 1 Nov: the week starts at -7 and ends at -8.
    await visits(la._id, { "/prev-week": "2026-10-26T06:50:00Z", "/first-minutes": "2026-10-26T07:10:00Z", "/last-minutes": "2026-11-02T07:50:00Z", "/next-week": "2026-11-02T08:10:00Z" });

    expect(pages(await buildSiteReport(nz, periodStarting("weekly", "2026-09-21")))).toEqual(["/first-minutes", "/last-minutes"]);
    expect(pages(await buildSiteReport(la, periodStarting("weekly", "2026-10-26")))).toEqual(["/first-minutes", "/last-minutes"]);
    expect((await buildSiteReport(la, periodStarting("weekly", "2026-10-26"))).visitors.previous).toBe(1);
    expect(pages(await buildSiteReport(la, periodStarting("weekly", "2026-11-02")))).toEqual(["/next-week"]);
  });

  it("counts a month from the site's 1st, the previous month at its own length", async () => {
    const { websites: [nz] } = await owner([{ name: "Kiwi", timezone: NZ }]);
    await visits(nz._id, { "/september": "2026-09-30T10:50:00Z", "/october-first": "2026-09-30T11:10:00Z", "/october-last": "2026-10-31T10:50:00Z", "/november": "2026-10-31T11:10:00Z" });
    await visits(nz._id, { "/september-first": "2026-08-31T12:10:00Z", "/august": "2026-08-31T11:50:00Z" });
    const october = await buildSiteReport(nz, periodStarting("monthly", "2026-10-01"));
    expect(pages(october)).toEqual(["/october-first", "/october-last"]);
    expect(october.visitors).toEqual({ current: 2, previous: 2, change: 0 }); // /september-first and /september
  });

  it("the scheduler mails a week once it has ended in the sites' zones, not at UTC midnight, and once only", async () => {
    await User.updateMany({}, { $set: { "emailReports.weekly": false } });
    const kiwi = await owner([{ name: "Kiwi only", timezone: NZ }]);
    const coast = await owner([{ name: "Coast only", timezone: LA }]);
    const both = await owner([{ name: "Kiwi half", timezone: NZ }, { name: "Coast half", timezone: LA }]);
    await visits(both.websites[0]._id, { "/nz-last-minutes": "2026-11-15T10:50:00Z", "/nz-next-week": "2026-11-15T11:10:00Z" });
    await visits(both.websites[1]._id, { "/la-last-minutes": "2026-11-16T07:50:00Z", "/la-next-week": "2026-11-16T08:10:00Z" });

    const tick = async (at: string) => {
      const before = smtp.messages.length;
      await sendDueReports(new Date(at));
      return smtp.messages.slice(before).map((m) => ({ to: m.to, subject: m.subject, text: m.text }));
    };
    const week = (label: string) => `Trailmark weekly report: ${label}`;
    const to = (o: { user: { email: string } }) => o.user.email;

    // Subscribed midweek: the last complete week goes out at once, to all three.
    expect((await tick("2026-11-12T00:00:00Z")).map((m) => m.subject)).toEqual(Array(3).fill(week("2 Nov 2026 – 8 Nov 2026")));
    expect(await tick("2026-11-15T10:59:00Z")).toEqual([]); // Sunday 23:59 in Auckland
    expect(await tick("2026-11-15T11:00:00Z")).toMatchObject([{ to: to(kiwi), subject: week("9 Nov 2026 – 15 Nov 2026") }]);
    expect(await tick("2026-11-15T12:00:00Z")).toEqual([]);
    expect(await tick("2026-11-16T00:00:00Z")).toEqual([]); // UTC's Monday: still Sunday in Los Angeles
    expect(await tick("2026-11-16T07:59:00Z")).toEqual([]);
    const monday = await tick("2026-11-16T08:00:00Z");
    expect(monday.map((m) => m.to).sort()).toEqual([to(coast), to(both)].sort());
    expect(monday.every((m) => m.subject === week("9 Nov 2026 – 15 Nov 2026"))).toBe(true);
    expect(await tick("2026-11-16T09:00:00Z")).toEqual([]);
    expect(await tick("2026-11-18T09:00:00Z")).toEqual([]);

    // One mail for both sites, each site's section counting its own local week.
    const text = monday.find((m) => m.to === to(both))!.text;
    const [kiwiHalf, coastHalf] = [text.slice(text.indexOf("Kiwi half"), text.indexOf("Coast half")), text.slice(text.indexOf("Coast half"))];
    expect(kiwiHalf).toContain("/nz-last-minutes");
    expect(kiwiHalf).not.toContain("/nz-next-week");
    expect(kiwiHalf).toContain(NZ);
    expect(coastHalf).toContain("/la-last-minutes");
    expect(coastHalf).not.toContain("/la-next-week");

    const next = await tick("2026-11-23T08:00:00Z");
    expect(next).toHaveLength(3);
    const nextText = next.find((m) => m.to === to(both))!.text;
    expect(nextText).toContain("/nz-next-week");
    expect(nextText).toContain("/la-next-week");
  });

  it("does not mail a week again when a site further west moves the due week back", async () => {
    await User.updateMany({}, { $set: { "emailReports.weekly": false } });
    const { user } = await owner([{ name: "Kiwi", timezone: NZ }]);
    expect(await sendDueReports(new Date("2026-11-15T12:00:00Z"))).toBe(1); // week of 9 Nov, done in Auckland
    await Website.create({ userId: user._id, domain: `${rand()}.example`, name: "Coast", timezone: LA });
    // Still Sunday in Los Angeles, so the due week is 2 Nov again: sent before, not again.
    expect(await sendDueReports(new Date("2026-11-16T07:00:00Z"))).toBe(0);
    expect(await sendDueReports(new Date("2026-11-23T08:00:00Z"))).toBe(1);
  });
});
