import { describe, expect, it } from "vitest";
import { deletePayment, recordPayment, recordRefund } from "@/lib/revenue";
import { GoalEvent, Payment, RefundLedger } from "@/models";
import { makeVisit, makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

// Email hashes and secrets are keyed by the app secret.
process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
useTestDatabase("revrecord");

const at = new Date("2026-03-10T12:00:00Z");

async function paidSite() {
  const site = await makeWebsite();
  await makeVisit(site._id, new Date("2026-03-10T10:00:00Z"), { visitorId: "v1", channel: "Organic Search" });
  return site;
}

const markers = async (websiteId: unknown) =>
  (await GoalEvent.find({ websiteId }).lean()).map((g) => ({ name: g.name, value: g.value, visitorId: g.visitorId, channel: g.channel })).sort((a, b) => a.name.localeCompare(b.name));

describe("recordPayment", () => {
  it("records once, in upper-case currency, with a payment marker on the visitor's timeline", async () => {
    const site = await paidSite();
    const first = await recordPayment(site, { provider: "api", transactionId: "t1", amount: 4900, currency: "eur", visitorId: "v1", timestamp: at });
    expect(first.created).toBe(true);
    expect(first.payment).toMatchObject({ amount: 4900, currency: "EUR", matchedBy: "metadata", visitorId: "v1", status: "paid", refundedAmount: 0, renewal: false });
    const again = await recordPayment(site, { provider: "api", transactionId: "t1", amount: 4900, currency: "EUR", visitorId: "v1", timestamp: at });
    expect(again.created).toBe(false);
    expect(await Payment.countDocuments({ websiteId: site._id })).toBe(1);
    expect(await markers(site._id)).toEqual([{ name: "payment", value: 4900, visitorId: "v1", channel: "Organic Search" }]);
  });

  it("makes exactly one payment from concurrent calls", async () => {
    const site = await paidSite();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => recordPayment(site, { provider: "stripe", transactionId: "pi_race", amount: 1000, currency: "USD", visitorId: "v1" })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await Payment.countDocuments({ websiteId: site._id })).toBe(1);
    expect(await GoalEvent.countDocuments({ websiteId: site._id })).toBe(1);
  });

  it("marks renewals and records unattributed payments without a marker", async () => {
    const site = await paidSite();
    const r = await recordPayment(site, { provider: "paddle", transactionId: "txn_r", amount: 1200, currency: "USD", visitorId: "v1", renewal: true });
    expect(r.payment.renewal).toBe(true);
    const u = await recordPayment(site, { provider: "paddle", transactionId: "txn_u", amount: 700, currency: "USD" });
    expect(u.payment.matchedBy).toBe("none");
    expect(await markers(site._id)).toEqual([{ name: "renewal", value: 1200, visitorId: "v1", channel: "Organic Search" }]);
  });

  it("attributes a payment first recorded without a visitor when a later delivery brings one", async () => {
    const site = await paidSite();
    await recordPayment(site, { provider: "stripe", transactionId: "pi_late", amount: 500, currency: "USD" });
    const later = await recordPayment(site, { provider: "stripe", transactionId: "pi_late", amount: 500, currency: "USD", visitorId: "v1" });
    expect(later).toMatchObject({ created: false, payment: { matchedBy: "metadata", visitorId: "v1" } });
  });

  it("rejects amounts that are not integer minor units", async () => {
    const site = await paidSite();
    await expect(recordPayment(site, { provider: "api", transactionId: "bad", amount: 10.5, currency: "USD" })).rejects.toThrow();
    await expect(recordPayment(site, { provider: "api", transactionId: "bad", amount: 10, currency: "dollars" })).rejects.toThrow();
    expect(await Payment.countDocuments({ websiteId: site._id })).toBe(0);
  });
});

describe("recordRefund", () => {
  it("applies partial then full running totals; repeats and stale totals change nothing", async () => {
    const site = await paidSite();
    await recordPayment(site, { provider: "stripe", transactionId: "pi_r", amount: 5000, currency: "USD", visitorId: "v1" });
    expect(await recordRefund(site, { provider: "stripe", transactionId: "pi_r", amount: 2000 })).toMatchObject({ applied: true, refundedAmount: 2000, status: "partially_refunded" });
    await recordRefund(site, { provider: "stripe", transactionId: "pi_r", amount: 2000 });
    expect(await recordRefund(site, { provider: "stripe", transactionId: "pi_r", amount: 5000 })).toMatchObject({ refundedAmount: 5000, status: "refunded" });
    // An older delivery of the first partial refund arrives last.
    await recordRefund(site, { provider: "stripe", transactionId: "pi_r", amount: 2000 });
    expect(await Payment.findOne({ websiteId: site._id }).lean()).toMatchObject({ refundedAmount: 5000, status: "refunded" });
    expect((await markers(site._id)).map((m) => [m.name, m.value])).toEqual([["payment", 5000], ["refund", 5000]]);
  });

  it("adds up refunds reported one by one, capped at the amount", async () => {
    const site = await paidSite();
    await recordPayment(site, { provider: "paddle", transactionId: "txn_1", amount: 3000, currency: "USD", visitorId: "v1" });
    await recordRefund(site, { provider: "paddle", transactionId: "txn_1", amount: 1000, refundId: "adj_a" });
    await recordRefund(site, { provider: "paddle", transactionId: "txn_1", amount: 1000, refundId: "adj_a" });
    expect(await recordRefund(site, { provider: "paddle", transactionId: "txn_1", amount: 500, refundId: "adj.b" })).toMatchObject({ refundedAmount: 1500, status: "partially_refunded" });
    expect(await recordRefund(site, { provider: "paddle", transactionId: "txn_1", amount: 9000, refundId: "adj_c" })).toMatchObject({ refundedAmount: 3000, status: "refunded" });
  });

  it("keeps a refund that arrives before its payment and applies it when the payment comes", async () => {
    const site = await paidSite();
    expect(await recordRefund(site, { provider: "polar", transactionId: "ord_early", amount: 800 })).toEqual({ applied: false });
    expect(await Payment.countDocuments({ websiteId: site._id })).toBe(0);
    const { payment } = await recordPayment(site, { provider: "polar", transactionId: "ord_early", amount: 2000, currency: "USD", visitorId: "v1" });
    expect(payment).toMatchObject({ refundedAmount: 800, status: "partially_refunded" });
    expect((await markers(site._id)).map((m) => m.name)).toEqual(["payment", "refund"]);
  });
});

describe("deletePayment", () => {
  it("removes the payment, its refunds and its markers, and says whether it existed", async () => {
    const site = await paidSite();
    await recordPayment(site, { provider: "api", transactionId: "gone", amount: 100, currency: "USD", visitorId: "v1" });
    await recordRefund(site, { provider: "api", transactionId: "gone", amount: 50 });
    expect(await deletePayment(site, "api", "gone")).toBe(true);
    expect(await Payment.countDocuments({ websiteId: site._id })).toBe(0);
    expect(await GoalEvent.countDocuments({ websiteId: site._id })).toBe(0);
    expect(await RefundLedger.countDocuments({ websiteId: site._id })).toBe(0);
    expect(await deletePayment(site, "api", "gone")).toBe(false);
  });
});
