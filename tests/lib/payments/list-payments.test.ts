// Who paid, on the revenue page's payments list: the name the site's identify
// calls gave the visitor, else the name the provider sent with the payment;
// only for callers allowed to see customers, and gone after an erasure.
import { describe, expect, it } from "vitest";
import { engine } from "@/lib/engine";
import { engineTime } from "@/lib/engine/time";
import { listPayments } from "@/lib/payments/list-payments";
import { unlinkPayments } from "@/lib/privacy/unlink-payments";
import { recordPayment } from "@/lib/revenue";
import { paymentsQuerySchema } from "@/lib/schemas/stats";
import { statsSite } from "@/lib/stats/context";
import { Identity, Payment } from "@/models";
import { makeVisit, makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
useTestDatabase("listpayments");

const at = (h: number) => new Date(Date.UTC(2026, 2, 10, h));
const query = paymentsQuerySchema.parse({ from: "2026-03-10", to: "2026-03-10" });

describe("listPayments", () => {
  it("names the buyer from identify first, else from the provider, only for those who may see customers, and forgets the name on erasure", async () => {
    const doc = await makeWebsite();
    const site = statsSite(doc);
    await makeVisit(doc._id, at(8), { visitorId: "ann" });
    await makeVisit(doc._id, at(9), { visitorId: "bob" });
    await Identity.create({ websiteId: doc._id, visitorId: "ann", userId: "u_ann", name: "Ann from identify" });
    await recordPayment(site, { provider: "stripe", transactionId: "pi_ann", amount: 1_000, currency: "USD", visitorId: "ann", customerName: "Ann Billing", timestamp: at(10) });
    await recordPayment(site, { provider: "lemonsqueezy", transactionId: "1", amount: 2_000, currency: "USD", visitorId: "bob", customerName: "Bob Billing", timestamp: at(11) });
    await recordPayment(site, { provider: "polar", transactionId: "o_1", amount: 3_000, currency: "USD", timestamp: at(12) });
    // A redelivery that names the buyer fills the name in; an empty one changes nothing.
    await recordPayment(site, { provider: "polar", transactionId: "o_1", amount: 3_000, currency: "USD", customerName: "Cy Billing", timestamp: at(12) });
    await recordPayment(site, { provider: "polar", transactionId: "o_1", amount: 3_000, currency: "USD", timestamp: at(12) });

    const names = async (withCustomers: boolean) =>
      Object.fromEntries((await listPayments(site, query, { withCustomers })).payments.map((p) => [p.transactionId, p.customer ?? null]));
    expect(await names(true)).toEqual({
      pi_ann: { name: "Ann from identify", userId: "u_ann" },
      "1": { name: "Bob Billing", userId: null },
      o_1: { name: "Cy Billing", userId: null },
    });
    expect(Object.values(await names(false))).toEqual([null, null, null]);

    expect(await unlinkPayments(doc.id, { visitorIds: ["bob"] })).toBe(1);
    expect(await Payment.countDocuments({ websiteId: doc._id, customerName: "Bob Billing" })).toBe(0);
    expect((await names(true))["1"]).toBeNull();
  });

  it("lists a payment the engine holds without a store document (generated benchmark rows) with no customer, not an error", async () => {
    const doc = await makeWebsite();
    const site = statsSite(doc);
    await recordPayment(site, { provider: "stripe", transactionId: "pi_named", amount: 1_000, currency: "USD", customerName: "Dee Billing", timestamp: at(10) });
    const e = await engine();
    await e.insert(e.tables.payments, [{ website_id: doc.id, ts: engineTime(at(11)), payment_id: "pay-generated-1", version: 1, deleted: 0, provider: "stripe", transaction_id: "in_generated", amount: 2_000, refunded: 0, currency: "USD" }]);
    const listed = (await listPayments(site, query, { withCustomers: true })).payments;
    expect(listed.map((p) => [p.transactionId, p.customer?.name ?? null])).toEqual([["in_generated", null], ["pi_named", "Dee Billing"]]);
  });
});
