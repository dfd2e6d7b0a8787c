// Weekly/monthly reports built from the store, mailed through nodemailer to a local SMTP server, and read back.
import { describe, expect, it } from "vitest";
import { sendDueReports } from "@/lib/reports/job";
import { sendReport } from "@/lib/reports/send";
import { unsubscribeToken, verifyUnsubscribe } from "@/lib/reports/unsubscribe";
import { JobState } from "@/models/JobState";
import { User } from "@/models/User";
import { Website } from "@/models/Website";
import { makePayment, makeVisit } from "../../factories";
import { useTestDatabase } from "../../helpers/db";
import { useSmtp } from "../../helpers/smtp";

process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
process.env.NEXTAUTH_URL = "https://trailmark.example";
useTestDatabase("reports");

const smtp = useSmtp();
process.env.SMTP_FROM = "Trailmark <reports@trailmark.example>";

const NOW = new Date("2026-11-18T09:00:00Z"); // a Wednesday: last week is Nov 9-15 (the sites are in UTC; tests/lib/reports/time-zones.test.ts has the others)

async function owner(reports = { weekly: true, monthly: false }) {
  const user = await User.create({ email: `o${Date.now()}${Math.random().toString(36).slice(2, 6)}@example.com`, name: "Owner", emailReports: reports });
  const site = await Website.create({ userId: user._id, domain: `shop${Math.random().toString(36).slice(2, 8)}.example`, name: "Shop <&> Co", currency: "EUR" });
  return { user, site };
}

describe("email reports", () => {
  it("mails visitors, revenue, top sources and pages with the change vs the previous week, as HTML and text, with an unsubscribe link", async () => {
    const { user, site } = await owner();
    const inWeek = new Date("2026-11-10T12:00:00Z");
    const prevWeek = new Date("2026-11-03T12:00:00Z");
    await makeVisit(site._id, inWeek, { visitorId: "a", paths: ["/", "/pricing"], context: { referrerDomain: "news.ycombinator.com" } });
    await makeVisit(site._id, inWeek, { visitorId: "b", paths: ["/pricing"], context: { referrerDomain: "news.ycombinator.com" } });
    await makeVisit(site._id, inWeek, { visitorId: "c", paths: ["/blog/launch"] });
    await makeVisit(site._id, inWeek, { visitorId: "d", paths: ["/"] });
    await makeVisit(site._id, prevWeek, { visitorId: "e", paths: ["/"] });
    await makeVisit(site._id, prevWeek, { visitorId: "f", paths: ["/pricing"] });
    await makePayment(site._id, inWeek, 12_000, { currency: "EUR" });
    await makePayment(site._id, prevWeek, 10_000, { currency: "EUR" });
    // Another currency is not added to euros, as on the dashboard.
    await makePayment(site._id, inWeek, 5_000, { currency: "USD" });
    await makeVisit(site._id, new Date("2026-11-17T12:00:00Z"), { visitorId: "this-week", paths: ["/not-yet"] }); // after the period

    const before = smtp.messages.length;
    await sendReport(String(user._id), "weekly", { now: NOW });
    const mail = smtp.messages[before];
    expect(mail.to).toBe(user.email);
    expect(mail.from).toContain("reports@trailmark.example");
    expect(mail.subject).toBe("Trailmark weekly report: 9 Nov 2026 – 15 Nov 2026");

    const text = mail.text;
    expect(text).toContain("Visitors: 4 (+100% vs previous)");
    expect(text).toContain("Pageviews: 5 (+150% vs previous)");
    expect(text).toContain("Revenue: €120.00 (+20% vs previous)");
    expect(text).toMatch(/Top sources:\n\s+- Direct: 2 \(0%\)\n\s+- news\.ycombinator\.com: 2 \(new\)\n/);
    expect(text).toMatch(/Top pages:\n\s+- \/: 2 \(\+100%\)\n\s+- \/pricing: 2 \(\+100%\)\n\s+- \/blog\/launch: 1 \(new\)\n/);
    expect(text).not.toContain("/not-yet");

    const html = String(mail.html);
    expect(html).toContain("Shop &lt;&amp;&gt; Co"); // escaped
    expect(html).toContain("€120.00");
    expect(html).toMatch(/<td[^>]*>news\.ycombinator\.com<\/td>/);
    expect(html).toContain(`https://trailmark.example/dashboard/${site._id}`);

    const unsubscribe = `https://trailmark.example/api/reports/unsubscribe?u=${user._id}&amp;k=weekly&amp;t=${unsubscribeToken(String(user._id), "weekly")}`;
    expect(html).toContain(`href="${unsubscribe}"`);
    expect(text).toContain(unsubscribe.replace(/&amp;/g, "&"));
    expect(mail.headers.get("list-unsubscribe")).toBe(`<${unsubscribe.replace(/&amp;/g, "&")}>`);
    expect(mail.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
  });

  it("signs unsubscribe links per user and kind", () => {
    const t = unsubscribeToken("0123456789abcdef01234567", "weekly");
    expect(verifyUnsubscribe("0123456789abcdef01234567", "weekly", t)).toBe(true);
    expect(verifyUnsubscribe("0123456789abcdef01234567", "monthly", t)).toBe(false);
    expect(verifyUnsubscribe("0123456789abcdef01234568", "weekly", t)).toBe(false);
    expect(verifyUnsubscribe("0123456789abcdef01234567", "weekly", t.slice(0, -1) + (t.endsWith("A") ? "B" : "A"))).toBe(false);
  });

  it("the scheduler mails each due report once per period, only to users who asked", async () => {
    await User.updateMany({}, { $set: { "emailReports.weekly": false } });
    const { user } = await owner({ weekly: true, monthly: true });
    await owner({ weekly: false, monthly: false });
    const before = smtp.messages.length;
    expect(await sendDueReports(NOW)).toBe(2); // weekly + monthly for the one user
    expect(smtp.messages.slice(before).map((m) => m.subject).sort()).toEqual(["Trailmark monthly report: October 2026", "Trailmark weekly report: 9 Nov 2026 – 15 Nov 2026"]);
    expect(await sendDueReports(new Date(NOW.getTime() + 2 * 3_600_000))).toBe(0);
    expect(smtp.messages.length).toBe(before + 2);
    expect(await JobState.findOne({ _id: `report-weekly:${user._id}` }).lean()).toMatchObject({ lastPeriod: "week-2026-11-09", lastResult: expect.stringContaining(user.email) });
  });

  it("records a refused send as the job's error and retries it later", async () => {
    await User.updateMany({}, { $set: { "emailReports.weekly": false, "emailReports.monthly": false } });
    const { user } = await owner({ weekly: true, monthly: false });
    smtp.state.reject = true;
    try {
      expect(await sendDueReports(NOW)).toBe(0);
    } finally {
      smtp.state.reject = false;
    }
    const state = await JobState.findOne({ _id: `report-weekly:${user._id}` }).lean();
    expect(state?.lastError).toMatch(/550|Mailbox unavailable/);
    expect(state?.lastPeriod).toBeUndefined();
    expect(await sendDueReports(new Date(NOW.getTime() + 2 * 3_600_000))).toBe(1);
  });
});
