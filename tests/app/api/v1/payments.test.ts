// POST/DELETE /api/v1/payments: payments reported by the site's server, attributed through lib/revenue.
import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { makeVisit } from "../../../factories";
import { expectApiError } from "../../../helpers/api";
import { json, useV1, v1, type Site } from "../../../helpers/api-v1";
import { uid } from "../../../helpers/track";

const t = useV1("v1payments");
const payments = () => t.db.collection("payments");
const goals = () => t.db.collection("goalevents");
const post = (key: string | null, body: unknown, headers?: Record<string, string>) => v1(t.app.url, key, "POST", "/payments", body, headers);
const del = (key: string | null, transactionId?: string) =>
  v1(t.app.url, key, "DELETE", `/payments${transactionId === undefined ? "" : `?transactionId=${encodeURIComponent(transactionId)}`}`);

type ApiPayment = {
  id: string;
  transactionId: string;
  amount: number;
  refundedAmount: number;
  currency: string;
  renewal: boolean;
  status: string;
  visitorId: string | null;
  matchedBy: string;
  firstTouch: Record<string, unknown> | null;
  lastTouch: Record<string, unknown> | null;
  timestamp: string;
};
const paid = async (res: Response, status: 200 | 201) => (await json<{ payment: ApiPayment }>(res, status)).payment;
const stored = (site: Site, transactionId: string) => payments().find({ websiteId: site.oid, transactionId }).toArray();
const tx = () => `tx_${uid()}`;

describe("POST /api/v1/payments", () => {
  it("records the payment attributed to the visitorId, with first and last touch, 201", async () => {
    const visitorId = uid();
    await makeVisit(t.a.oid, new Date(Date.now() - 2 * 86_400_000), { visitorId, channel: "Organic Search", paths: ["/blog/post"], context: { referrerDomain: "google.com" } });
    await makeVisit(t.a.oid, new Date(Date.now() - 3_600_000), { visitorId, channel: "Paid Search", country: "DE", paths: ["/pricing", "/checkout"], context: { utmSource: "google", utmCampaign: "spring" } });
    const transactionId = tx();
    const timestamp = new Date(Date.now() - 60_000).toISOString();

    const payment = await paid(await post(t.a.key, { transactionId, amount: 4900, currency: "eur", visitorId, timestamp }), 201);
    expect(payment).toMatchObject({ transactionId, amount: 4900, refundedAmount: 0, currency: "EUR", renewal: false, status: "paid", visitorId, matchedBy: "metadata", timestamp });
    expect(payment.firstTouch).toMatchObject({ channel: "Organic Search", referrerDomain: "google.com", landingPage: "/blog/post" });
    expect(payment.lastTouch).toMatchObject({ channel: "Paid Search", utmSource: "google", utmCampaign: "spring", landingPage: "/pricing", country: "DE" });

    const docs = await stored(t.a, transactionId);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ provider: "api", amount: 4900, currency: "EUR", visitorId, matchedBy: "metadata", status: "paid" });
    expect(String(docs[0]._id)).toBe(payment.id);
    expect(docs[0].timestamp.toISOString()).toBe(timestamp);
    // The payment is on the visitor's timeline, carrying the last touch's source.
    const marker = await goals().find({ websiteId: t.a.oid, visitorId, name: "payment" }).toArray();
    expect(marker).toHaveLength(1);
    expect(marker[0]).toMatchObject({ value: 4900, channel: "Paid Search", utmCampaign: "spring" });
  });

  it("attributes by the email of an identified visitor (any case), and by userId", async () => {
    const visitorId = uid();
    await makeVisit(t.a.oid, new Date(Date.now() - 3_600_000), { visitorId, channel: "Referral" });
    await json(await v1(t.app.url, t.a.key, "POST", "/identify", { visitorId, userId: "user_77", email: "lin@example.com" }), 200);

    const byEmail = await paid(await post(t.a.key, { transactionId: tx(), amount: 1200, currency: "USD", email: "  LIN@Example.com" }), 201);
    expect(byEmail).toMatchObject({ visitorId, matchedBy: "identity" });
    expect(byEmail.firstTouch).toMatchObject({ channel: "Referral" });

    const byUser = await paid(await post(t.a.key, { transactionId: tx(), amount: 1200, currency: "USD", userId: "user_77" }), 201);
    expect(byUser).toMatchObject({ visitorId, matchedBy: "identity" });
    // Never stored or echoed in the clear.
    expect(JSON.stringify(await payments().find({ websiteId: t.a.oid }).toArray()).toLowerCase()).not.toContain("lin@example.com");
  });

  it("follows the customer's first payment for a renewal, and records an unmatched payment unattributed", async () => {
    const visitorId = uid();
    await makeVisit(t.a.oid, new Date(Date.now() - 86_400_000), { visitorId, channel: "Direct" });
    const customerId = `cus_${uid()}`;
    await paid(await post(t.a.key, { transactionId: tx(), amount: 900, currency: "USD", visitorId, customerId }), 201);
    const renewal = await paid(await post(t.a.key, { transactionId: tx(), amount: 900, currency: "USD", customerId, renewal: true }), 201);
    expect(renewal).toMatchObject({ visitorId, matchedBy: "customer", renewal: true });
    expect(await goals().countDocuments({ websiteId: t.a.oid, visitorId, name: "renewal" })).toBe(1);

    const transactionId = tx();
    const alone = await paid(await post(t.a.key, { transactionId, amount: 500, currency: "USD" }), 201);
    expect(alone).toMatchObject({ visitorId: null, matchedBy: "none", firstTouch: null, lastTouch: null });
    expect(await stored(t.a, transactionId)).toHaveLength(1);
  });

  it("is idempotent by transactionId: a repeat answers 200 with the same payment and writes nothing new", async () => {
    const visitorId = uid();
    await makeVisit(t.a.oid, new Date(Date.now() - 60_000), { visitorId });
    const body = { transactionId: tx(), amount: 2500, currency: "USD", visitorId };
    const first = await paid(await post(t.a.key, body), 201);
    const second = await paid(await post(t.a.key, body), 200);
    expect(second).toEqual(first);
    expect(await stored(t.a, body.transactionId)).toHaveLength(1);
    expect(await goals().countDocuments({ websiteId: t.a.oid, visitorId })).toBe(1);
  });

  it("makes exactly one payment of 5 concurrent identical calls: one 201, four 200", async () => {
    const visitorId = uid();
    await makeVisit(t.a.oid, new Date(Date.now() - 60_000), { visitorId });
    const body = { transactionId: tx(), amount: 7700, currency: "USD", visitorId };
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(t.a.key, body)));
    const statuses = responses.map((r) => r.status).sort();
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ payment: ApiPayment }>));
    expect(statuses, JSON.stringify(bodies)).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(bodies.map((b) => b.payment.id)).size).toBe(1);
    expect(await stored(t.a, body.transactionId)).toHaveLength(1);
    expect(await goals().countDocuments({ websiteId: t.a.oid, visitorId, name: "payment" })).toBe(1);
  });

  it("refuses a repeat with other money (409) and changes nothing", async () => {
    const transactionId = tx();
    const first = await paid(await post(t.a.key, { transactionId, amount: 1000, currency: "USD" }), 201);
    await expectApiError(await post(t.a.key, { transactionId, amount: 1001, currency: "USD" }), 409, "transaction_conflict");
    await expectApiError(await post(t.a.key, { transactionId, amount: 1000, currency: "EUR", refunded: true }), 409, "transaction_conflict");
    const docs = await stored(t.a, transactionId);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ amount: 1000, currency: "USD", refundedAmount: 0, status: "paid" });
    expect(String(docs[0]._id)).toBe(first.id);
  });

  it("records a full refund with refunded: true, on the first call or a repeat", async () => {
    const visitorId = uid();
    await makeVisit(t.a.oid, new Date(Date.now() - 60_000), { visitorId });
    const refundedAtOnce = await paid(await post(t.a.key, { transactionId: tx(), amount: 3000, currency: "USD", visitorId, refunded: true }), 201);
    expect(refundedAtOnce).toMatchObject({ refundedAmount: 3000, status: "refunded" });

    const transactionId = tx();
    await paid(await post(t.a.key, { transactionId, amount: 3000, currency: "USD", visitorId }), 201);
    const later = await paid(await post(t.a.key, { transactionId, amount: 3000, currency: "USD", visitorId, refunded: true }), 200);
    expect(later).toMatchObject({ refundedAmount: 3000, status: "refunded" });
    const [doc] = await stored(t.a, transactionId);
    expect(doc).toMatchObject({ refundedAmount: 3000, status: "refunded" });
    // One refund event per refunded payment on the timeline, valued at the refund.
    const refunds = await goals().find({ websiteId: t.a.oid, visitorId, name: "refund" }).toArray();
    expect(refunds.map((g) => g.value)).toEqual([3000, 3000]);
  });

  it("records a partial refund with refundedAmount (the running total); refunds never shrink", async () => {
    const transactionId = tx();
    const base = { transactionId, amount: 5000, currency: "USD" };
    expect(await paid(await post(t.a.key, { ...base, refundedAmount: 1000 }), 201)).toMatchObject({ refundedAmount: 1000, status: "partially_refunded" });
    expect(await paid(await post(t.a.key, { ...base, refundedAmount: 1000 }), 200)).toMatchObject({ refundedAmount: 1000 });
    expect(await paid(await post(t.a.key, { ...base, refundedAmount: 2500 }), 200)).toMatchObject({ refundedAmount: 2500, status: "partially_refunded" });
    expect(await paid(await post(t.a.key, { ...base, refundedAmount: 500 }), 200)).toMatchObject({ refundedAmount: 2500 });
    expect(await paid(await post(t.a.key, { ...base, refunded: false }), 200)).toMatchObject({ refundedAmount: 2500 });
    expect(await paid(await post(t.a.key, { ...base, refunded: true }), 200)).toMatchObject({ refundedAmount: 5000, status: "refunded" });
    const docs = await stored(t.a, transactionId);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ refundedAmount: 5000, status: "refunded" });
  });

  it.each([
    ["a fractional amount", { amount: 12.5 }],
    ["a negative amount", { amount: -1 }],
    ["an amount as a string", { amount: "4900" }],
    ["no amount", { amount: undefined }],
    ["a 2-letter currency", { currency: "US" }],
    ["an unknown currency", { currency: "ABC" }],
    ["a numeric currency", { currency: 840 }],
    ["no currency", { currency: undefined }],
    ["no transactionId", { transactionId: undefined }],
    ["an empty transactionId", { transactionId: "  " }],
    ["a refundedAmount above the amount", { refundedAmount: 4901 }],
    ["both refunded and refundedAmount", { refunded: true, refundedAmount: 4900 }],
    ["a malformed email", { email: "nope" }],
    ["a bad visitor id", { visitorId: "a b" }],
    ["a timestamp that is not ISO 8601", { timestamp: "yesterday" }],
    ["a renewal flag that is not a boolean", { renewal: "yes" }],
    ["an unknown field", { provider: "stripe" }],
  ])("rejects %s with 400 and writes nothing", async (_label, patch) => {
    const transactionId = tx();
    const before = await payments().countDocuments();
    await expectApiError(await post(t.a.key, { transactionId, amount: 4900, currency: "USD", ...patch }), 400, "invalid_input");
    expect(await payments().countDocuments()).toBe(before);
    expect(await payments().countDocuments({ transactionId })).toBe(0);
  });

  it("rejects malformed JSON (400) and a non-JSON body (415)", async () => {
    const before = await payments().countDocuments();
    await expectApiError(await post(t.a.key, "{nope"), 400, "invalid_json");
    await expectApiError(await post(t.a.key, "transactionId=a&amount=1", { "content-type": "application/x-www-form-urlencoded" }), 415, "unsupported_media_type");
    expect(await payments().countDocuments()).toBe(before);
  });

  it("needs a valid key (401) and writes nothing without one", async () => {
    const transactionId = tx();
    await expectApiError(await post(null, { transactionId, amount: 100, currency: "USD" }), 401, "unauthorized");
    await expectApiError(await post("tm_not_a_real_key", { transactionId, amount: 100, currency: "USD" }), 401, "unauthorized");
    expect(await payments().countDocuments({ transactionId })).toBe(0);
  });
});

describe("DELETE /api/v1/payments", () => {
  it("removes the payment with its refunds and timeline events (204); then it is a 404 and can be recorded anew", async () => {
    const visitorId = uid();
    await makeVisit(t.a.oid, new Date(Date.now() - 60_000), { visitorId });
    const transactionId = tx();
    await paid(await post(t.a.key, { transactionId, amount: 4000, currency: "USD", visitorId, refundedAmount: 1000 }), 201);
    expect(await goals().countDocuments({ websiteId: t.a.oid, visitorId })).toBe(2);

    const res = await del(t.a.key, transactionId);
    expect(res.status, await res.clone().text()).toBe(204);
    expect(await res.text()).toBe("");
    expect(await stored(t.a, transactionId)).toHaveLength(0);
    expect(await goals().countDocuments({ websiteId: t.a.oid, visitorId })).toBe(0);
    expect(await t.db.collection("refundledgers").countDocuments({ transactionId })).toBe(0);

    await expectApiError(await del(t.a.key, transactionId), 404, "payment_not_found");
    const again = await paid(await post(t.a.key, { transactionId, amount: 4000, currency: "USD", visitorId }), 201);
    expect(again).toMatchObject({ refundedAmount: 0, status: "paid" });
  });

  it("is a 404 for an unknown transaction, a 400 without transactionId, a 401 without a key", async () => {
    await expectApiError(await del(t.a.key, tx()), 404, "payment_not_found");
    await expectApiError(await del(t.a.key), 400, "invalid_input");
    await expectApiError(await del(t.a.key, ""), 400, "invalid_input");
    const transactionId = tx();
    await paid(await post(t.a.key, { transactionId, amount: 100, currency: "USD" }), 201);
    await expectApiError(await del(null, transactionId), 401, "unauthorized");
    await expectApiError(await del("tm_not_a_real_key", transactionId), 401, "unauthorized");
    expect(await stored(t.a, transactionId)).toHaveLength(1);
  });

  it("leaves payments that did not come through the API alone", async () => {
    const transactionId = tx();
    await payments().insertOne({ websiteId: t.a.oid, provider: "stripe", transactionId, amount: 100, currency: "USD", refundedAmount: 0, status: "paid", matchedBy: "none", timestamp: new Date() });
    await expectApiError(await del(t.a.key, transactionId), 404, "payment_not_found");
    expect(await stored(t.a, transactionId)).toHaveLength(1);
  });
});

describe("website scoping", () => {
  it("never attributes to another website's visitor, identity or customer", async () => {
    const visitorId = uid();
    await makeVisit(t.b.oid, new Date(Date.now() - 60_000), { visitorId, channel: "Paid Search" });
    await json(await v1(t.app.url, t.b.key, "POST", "/identify", { visitorId, userId: "only_on_b", email: "b-only@example.com" }), 200);
    const customerId = `cus_${uid()}`;
    await paid(await post(t.b.key, { transactionId: tx(), amount: 100, currency: "USD", visitorId, customerId }), 201);

    const transactionId = tx();
    const onA = await paid(await post(t.a.key, { transactionId, amount: 900, currency: "USD", visitorId, email: "b-only@example.com", userId: "only_on_b", customerId }), 201);
    expect(onA).toMatchObject({ visitorId: null, matchedBy: "none", firstTouch: null, lastTouch: null });
    const [doc] = await stored(t.a, transactionId);
    expect(doc).toMatchObject({ matchedBy: "none" });
    expect(doc.visitorId).toBeUndefined();
    expect(await goals().countDocuments({ visitorId, websiteId: t.a.oid })).toBe(0);
  });

  it("keeps the same transactionId apart per website; a key can neither see nor delete the other website's payment", async () => {
    const transactionId = tx();
    const a = await paid(await post(t.a.key, { transactionId, amount: 1000, currency: "USD" }), 201);
    // B's key: a new, separate payment (201, other money is no conflict), not A's.
    const b = await paid(await post(t.b.key, { transactionId, amount: 2000, currency: "EUR" }), 201);
    expect(b.id).not.toBe(a.id);
    expect(b).toMatchObject({ amount: 2000, currency: "EUR" });

    const res = await del(t.b.key, transactionId);
    expect(res.status).toBe(204);
    expect(await stored(t.b, transactionId)).toHaveLength(0);
    const [left] = await stored(t.a, transactionId);
    expect(left).toMatchObject({ amount: 1000, currency: "USD" });
    expect(left._id).toEqual(new mongoose.Types.ObjectId(a.id));
    await expectApiError(await del(t.b.key, transactionId), 404, "payment_not_found");
    expect(await stored(t.a, transactionId)).toHaveLength(1);
  });
});
