import { describe, expect, it } from "vitest";
import { hashEmail } from "@/lib/crypto";
import { matchVisitor, paymentObjectId, recordPayment } from "@/lib/revenue";
import { Identity, Session } from "@/models";
import { makeVisit, makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

// Email hashes and secrets are keyed by the app secret.
process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
useTestDatabase("revmatch");

const at = new Date("2026-03-10T12:00:00Z");
const query = (websiteId: string, extra: Record<string, string | undefined>) => ({
  websiteId,
  provider: "stripe",
  paymentId: paymentObjectId(websiteId, "stripe", `tx-${Math.random()}`),
  at,
  ...extra,
});

async function identify(websiteId: unknown, visitorId: string, fields: { userId?: string; email?: string }) {
  await Identity.create({ websiteId, visitorId, userId: fields.userId, emailHash: fields.email ? hashEmail(fields.email) : undefined });
}

describe("matchVisitor", () => {
  it("takes the metadata visitor id when this website has seen it, with first and last touch", async () => {
    const site = await makeWebsite();
    await makeVisit(site._id, new Date("2026-03-01T09:00:00Z"), { visitorId: "v-meta", channel: "Organic Search", country: "DE", paths: ["/blog/post"] });
    await makeVisit(site._id, new Date("2026-03-10T11:00:00Z"), { visitorId: "v-meta", channel: "Email", device: "mobile", paths: ["/pricing"] });
    // A visit after the payment cannot have caused it.
    await makeVisit(site._id, new Date("2026-03-11T11:00:00Z"), { visitorId: "v-meta", channel: "Direct", paths: ["/account"] });

    const m = await matchVisitor(query(String(site._id), { visitorId: "v-meta" }));
    expect(m).toMatchObject({ matchedBy: "metadata", visitorId: "v-meta" });
    expect(m.firstTouch).toMatchObject({ channel: "Organic Search", country: "DE", entryPage: "/blog/post", at: new Date("2026-03-01T09:00:00Z") });
    expect(m.lastTouch).toMatchObject({ channel: "Email", device: "mobile", entryPage: "/pricing" });
  });

  it("prefers the checkout's own session as last touch", async () => {
    const site = await makeWebsite();
    const checkout = await makeVisit(site._id, new Date("2026-03-05T09:00:00Z"), { visitorId: "v-s", channel: "Referral", paths: ["/checkout"] });
    await makeVisit(site._id, new Date("2026-03-09T09:00:00Z"), { visitorId: "v-s", channel: "Direct" });
    const m = await matchVisitor(query(String(site._id), { visitorId: "v-s", sessionId: checkout.sessionId }));
    expect(m.lastTouch).toMatchObject({ channel: "Referral", entryPage: "/checkout" });
    expect(m.sessionId).toBe(checkout.sessionId);
  });

  it("never attaches to a visitor seen only on another website", async () => {
    const mine = await makeWebsite();
    const other = await makeWebsite();
    await makeVisit(other._id, at, { visitorId: "v-elsewhere" });
    await identify(other._id, "v-elsewhere", { email: "x@example.com" });
    const m = await matchVisitor(query(String(mine._id), { visitorId: "v-elsewhere", emailHash: hashEmail("x@example.com") }));
    expect(m).toEqual({ matchedBy: "none" });
  });

  it("falls back to an identified visitor by userId, then by email (case and spaces ignored)", async () => {
    const site = await makeWebsite();
    await makeVisit(site._id, at, { visitorId: "v-user", channel: "Paid Search" });
    await identify(site._id, "v-user", { userId: "u-42" });
    await makeVisit(site._id, at, { visitorId: "v-mail", channel: "Organic Social" });
    await identify(site._id, "v-mail", { email: "Buyer@Example.com" });

    const byUser = await matchVisitor(query(String(site._id), { visitorId: "never-seen", userId: "u-42" }));
    expect(byUser).toMatchObject({ matchedBy: "identity", visitorId: "v-user", lastTouch: { channel: "Paid Search" } });
    const byMail = await matchVisitor(query(String(site._id), { emailHash: hashEmail("  buyer@example.COM ") }));
    expect(byMail).toMatchObject({ matchedBy: "identity", visitorId: "v-mail", lastTouch: { channel: "Organic Social" } });
  });

  it("follows the customer's first attributed payment, by customer id or email", async () => {
    const site = await makeWebsite();
    await makeVisit(site._id, new Date("2026-01-01T00:00:00Z"), { visitorId: "v-first", channel: "Referral" });
    await recordPayment(site, { provider: "stripe", transactionId: "first", amount: 900, currency: "usd", visitorId: "v-first", customerId: "cus_1", email: "c@example.com", timestamp: new Date("2026-01-02T00:00:00Z") });

    const byCustomer = await matchVisitor(query(String(site._id), { customerId: "cus_1" }));
    expect(byCustomer).toMatchObject({ matchedBy: "customer", visitorId: "v-first", firstTouch: { channel: "Referral" } });
    const byEmail = await matchVisitor(query(String(site._id), { emailHash: hashEmail("c@example.com") }));
    expect(byEmail).toMatchObject({ matchedBy: "customer", visitorId: "v-first" });
    // Another provider's customer id space is not this one's.
    expect(await matchVisitor({ ...query(String(site._id), { customerId: "cus_1" }), provider: "paddle" })).toEqual({ matchedBy: "none" });
  });

  it("is unattributed when nothing matches", async () => {
    const site = await makeWebsite();
    expect(await Session.countDocuments({ websiteId: site._id })).toBe(0);
    expect(await matchVisitor(query(String(site._id), { visitorId: "ghost", userId: "nobody", customerId: "cus_x" }))).toEqual({ matchedBy: "none" });
  });
});
