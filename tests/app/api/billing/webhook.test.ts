// Trailmark's own Stripe webhook against the local Stripe stand-in: signature
// and timestamp checks, checkout to active, plan changes, a failed payment and
// its recovery, cancellation, duplicates and deliveries out of order.
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../../../helpers/api";
import { backdate, billingDoc, getBilling, getUsage, startBillingApp, subscribe, type BillingApp } from "../../../helpers/billing";
import { newUser, type Client } from "../../../helpers/client";
import { createTeam } from "../../../helpers/teams";

let b: BillingApp;
let owner: { client: Client; email: string };

beforeAll(async () => {
  b = await startBillingApp("billing_webhook");
  owner = await newUser(b.app.url, "Paying Owner");
});
afterAll(() => b?.stop());

const DAY = 86_400_000;
const webhookBody = (type: string, object: object) => ({ id: `evt_${Math.random().toString(36).slice(2)}`, object: "event", type, created: Math.floor(Date.now() / 1000), data: { object } }) as unknown as Stripe.Event;

describe("POST /api/billing/webhook: verification", () => {
  it("takes a delivery signed now, up to five minutes ahead or behind, and refuses the rest without recording them", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now, now - 240, now + 240]) {
      const res = await b.stripe.deliver(webhookBody("customer.created", { id: "cus_x" }), { timestamp });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toMatchObject({ received: true, outcome: "ignored: unhandled event type" });
    }
    const before = await b.db.collection("billingevents").countDocuments();
    const late = await b.stripe.deliver(webhookBody("customer.created", { id: "cus_y" }), { timestamp: now - 360 });
    expect((await expectApiError(late, 401, "invalid_signature")).error.message).toMatch(/tolerance/i);
    const ahead = await b.stripe.deliver(webhookBody("customer.created", { id: "cus_y" }), { timestamp: now + 360 });
    expect((await expectApiError(ahead, 401, "invalid_signature")).error.message).toMatch(/ahead/);
    await expectApiError(await b.stripe.deliver(webhookBody("customer.created", { id: "cus_y" }), { secret: "whsec_not_ours" }), 401, "invalid_signature");
    const unsigned = await fetch(`${b.app.url}/api/billing/webhook`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(webhookBody("customer.created", {})) });
    await expectApiError(unsigned, 400, "missing_signature");
    expect(await b.db.collection("billingevents").countDocuments()).toBe(before);
  });

  it("answers an event about a subscription nobody can name with 200 and changes nothing", async () => {
    const res = await b.stripe.deliver(webhookBody("customer.subscription.updated", { id: "sub_unknown", object: "subscription" }));
    expect(await res.json()).toMatchObject({ outcome: "ignored: no subscription sub_unknown in this Stripe account" });
  });
});

describe("a team's subscription", () => {
  let teamId: string;
  let subId: string;

  it("starts as a 14-day trial without a card, with the trial plan's limits", async () => {
    const asked = Date.now();
    teamId = (await createTeam(owner.client, "Pay Co")).id;
    const billing = await getBilling(owner.client, teamId);
    expect(billing).toMatchObject({ status: "trialing", trial: true, plan: { id: "starter" }, portal: false, grace: null, locked: false });
    const trialEnds = Date.parse((billing as unknown as { trialEndsAt: string }).trialEndsAt);
    expect(trialEnds).toBeGreaterThanOrEqual(asked + 14 * DAY - 1_000); // Stripe's times are whole seconds
    expect(trialEnds).toBeLessThanOrEqual(Date.now() + 14 * DAY);
    expect(await getUsage(owner.client, teamId)).toMatchObject({ events: 0, limit: 10, plan: "starter", status: "trialing" });
    expect(b.stripe.seen.filter((r) => r.method === "POST")).toHaveLength(0);
  });

  it("checkout makes it active on the chosen plan; a second checkout is refused and the portal opens", async () => {
    subId = await subscribe(owner.client, b.stripe, teamId, "growth");
    const billing = await getBilling(owner.client, teamId);
    expect(billing).toMatchObject({ status: "active", trial: false, plan: { id: "growth" }, interval: "month", portal: true, grace: null });
    expect(await getUsage(owner.client, teamId)).toMatchObject({ limit: 1000, plan: "growth", status: "active" });
    const doc = await billingDoc(b.db, teamId);
    expect(doc).toMatchObject({ subscriptionId: subId, status: "active", planId: "growth", retentionDays: 1095 });
    // The team is named on every Stripe object, so any event leads back to it.
    const session = [...b.stripe.sessions.values()].find((s) => s.subscription === subId)!;
    expect(session).toMatchObject({ client_reference_id: teamId, metadata: { trailmark_team_id: teamId } });
    expect(b.stripe.subscriptions.get(subId)!.metadata).toEqual({ trailmark_team_id: teamId });
    expect(b.stripe.customers.get(String(doc!.customerId))!.metadata).toEqual({ trailmark_team_id: teamId });

    await expectApiError(await owner.client.post(`/api/teams/${teamId}/billing/checkout`, { plan: "starter" }), 409, "already_subscribed");
    const portal = await owner.client.post(`/api/teams/${teamId}/billing/portal`);
    const { url } = (await portal.json()) as { url: string };
    expect(url.startsWith(`${b.stripe.url}/portal/`)).toBe(true);
  });

  it("coming back from Checkout shows the plan even before Stripe's webhook arrives; the late events change nothing", async () => {
    const early = (await createTeam(owner.client, "Early Co")).id;
    const res = await owner.client.post(`/api/teams/${early}/billing/checkout`, { plan: "growth", interval: "year" });
    const { url } = (await res.json()) as { url: string };
    let back = "";
    const late = await b.stripe.capture(async () => {
      back = (await fetch(`${url}/pay`, { method: "POST", redirect: "manual" })).headers.get("location")!;
    });
    expect(late.map((e) => e.type)).toEqual(["customer.subscription.created", "invoice.paid", "checkout.session.completed"]);
    expect(await getBilling(owner.client, early)).toMatchObject({ status: "trialing" });
    expect(back).toMatch(new RegExp(`^${b.app.url}/team/${early}\\?checkout=cs_test_\\w+#billing$`));
    // Another team's session in the URL confirms nothing.
    const stranger = (await createTeam(owner.client, "Other Co")).id;
    const path = back.replace(b.app.url, "").replace(/#.*/, "");
    expect((await owner.client.get(path.replace(early, stranger))).status).toBe(200);
    expect(await getBilling(owner.client, stranger)).toMatchObject({ status: "trialing" });
    expect((await owner.client.get(path)).status).toBe(200);
    expect(await getBilling(owner.client, early)).toMatchObject({ status: "active", plan: { id: "growth" }, interval: "year" });
    for (const e of late) expect((await b.stripe.deliver(e)).status).toBe(200);
    expect(await getBilling(owner.client, early)).toMatchObject({ status: "active", plan: { id: "growth" }, interval: "year" });
  });

  it("follows plan changes made in the portal: to yearly, then down to a smaller plan", async () => {
    await b.stripe.changePrice(subId, "price_growth_y");
    expect(await getBilling(owner.client, teamId)).toMatchObject({ status: "active", plan: { id: "growth" }, interval: "year" });
    await b.stripe.changePrice(subId, "price_starter_m");
    expect(await getBilling(owner.client, teamId)).toMatchObject({ status: "active", plan: { id: "starter" }, interval: "month" });
    expect(await getUsage(owner.client, teamId)).toMatchObject({ limit: 10, plan: "starter" });
    expect(await billingDoc(b.db, teamId)).toMatchObject({ retentionDays: 365 });
    await b.stripe.changePrice(subId, "price_growth_m");
  });

  it("a failed renewal makes it past_due with a grace period from the first failure; paying makes it active again", async () => {
    const failedAt = Date.now();
    await b.stripe.failRenewal(subId);
    const failed = await getBilling(owner.client, teamId);
    expect(failed).toMatchObject({ status: "past_due", plan: { id: "growth" }, grace: { reason: "payment_failed" }, locked: false });
    expect(Date.parse(failed.grace!.endsAt)).toBeGreaterThanOrEqual(failedAt + 7 * DAY - 1_000); // Stripe's times are whole seconds
    expect(Date.parse(failed.grace!.endsAt)).toBeLessThanOrEqual(Date.now() + 7 * DAY);
    const since = (await billingDoc(b.db, teamId))!.pastDueSince as Date;
    await b.stripe.failRenewal(subId); // Stripe's retry fails too: the grace does not restart
    expect(((await billingDoc(b.db, teamId))!.pastDueSince as Date).getTime()).toBe(since.getTime());
    await b.stripe.payLatest(subId);
    expect(await getBilling(owner.client, teamId)).toMatchObject({ status: "active", grace: null });
    expect((await billingDoc(b.db, teamId))!.pastDueSince).toBeUndefined();
  });

  it("a payment failure left unsettled past the grace period locks the stats until it is paid", async () => {
    await b.stripe.failRenewal(subId);
    await backdate(b.db, teamId, "pastDueSince", 8);
    expect(await getBilling(owner.client, teamId)).toMatchObject({ status: "past_due", locked: true });
    await b.stripe.payLatest(subId);
    expect(await getBilling(owner.client, teamId)).toMatchObject({ status: "active", locked: false });
  });

  it("cancellation runs to the period's end, then the subscription is canceled and a grace period starts", async () => {
    await b.stripe.cancelAtPeriodEnd(subId);
    expect(await getBilling(owner.client, teamId)).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    await b.stripe.endSubscription(subId);
    const ended = await getBilling(owner.client, teamId);
    // Subscribing ended the trial: there is none to fall back on.
    expect(ended).toMatchObject({ status: "canceled", trial: false, plan: null, grace: { reason: "canceled" }, locked: false });
    expect(await getUsage(owner.client, teamId)).toMatchObject({ limit: null, plan: null, status: "canceled" });
    // A canceled team can subscribe again.
    subId = await subscribe(owner.client, b.stripe, teamId, "starter");
    expect(await getBilling(owner.client, teamId)).toMatchObject({ status: "active", plan: { id: "starter" }, grace: null });
  });
});

describe("deliveries as Stripe makes them: twice, late and out of order", () => {
  it("a redelivered event is recognised by its id and handled once", async () => {
    const team = await createTeam(owner.client, "Twice Co");
    const sub = await subscribe(owner.client, b.stripe, team.id, "starter");
    const [event] = await b.stripe.capture(() => b.stripe.changePrice(sub, "price_growth_m"));
    const first = await b.stripe.deliver(event);
    expect(await first.json()).toMatchObject({ received: true, outcome: "active on growth (month)" });
    const again = await b.stripe.deliver(event);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    expect(await b.db.collection("billingevents").countDocuments({ _id: event.id as never })).toBe(1);
    expect(await getBilling(owner.client, team.id)).toMatchObject({ plan: { id: "growth" } });
  });

  it("events delivered newest first still leave the subscription as Stripe holds it now", async () => {
    const team = await createTeam(owner.client, "Shuffle Co");
    const sub = await subscribe(owner.client, b.stripe, team.id, "growth");
    const events = await b.stripe.capture(async () => {
      await b.stripe.changePrice(sub, "price_starter_y");
      await b.stripe.failRenewal(sub);
      await b.stripe.payLatest(sub);
    });
    expect(events.map((e) => e.type)).toEqual(["customer.subscription.updated", "invoice.payment_failed", "customer.subscription.updated", "invoice.paid", "customer.subscription.updated"]);
    for (const e of [...events].reverse()) expect((await b.stripe.deliver(e)).status).toBe(200);
    expect(await getBilling(owner.client, team.id)).toMatchObject({ status: "active", plan: { id: "starter" }, interval: "year", grace: null });
    // The failure's snapshot arriving last does not make it past_due again.
    expect((await b.stripe.deliver({ ...events[1], id: `${events[1].id}_late` })).status).toBe(200);
    expect(await getBilling(owner.client, team.id)).toMatchObject({ status: "active" });
  });

  it("a late event of an older, canceled subscription does not undo the newer one", async () => {
    const team = await createTeam(owner.client, "Again Co");
    b.stripe.setClock(Math.floor(Date.now() / 1000) - 3600);
    const old = await subscribe(owner.client, b.stripe, team.id, "starter");
    const [lateEvent] = await b.stripe.capture(() => b.stripe.cancelAtPeriodEnd(old));
    await b.stripe.endSubscription(old);
    b.stripe.setClock(null);
    const current = await subscribe(owner.client, b.stripe, team.id, "growth");
    const res = await b.stripe.deliver(lateEvent);
    expect(await res.json()).toMatchObject({ outcome: "ignored: the team has a newer subscription" });
    expect(await billingDoc(b.db, team.id)).toMatchObject({ subscriptionId: current, status: "active", planId: "growth" });
  });

  it("when Stripe cannot be asked, the delivery fails with 503 so Stripe retries, and the retry is handled", async () => {
    const team = await createTeam(owner.client, "Outage Co");
    const sub = await subscribe(owner.client, b.stripe, team.id, "starter");
    const [event] = await b.stripe.capture(() => b.stripe.changePrice(sub, "price_growth_m"));
    for (let i = 0; i < 3; i++) b.stripe.failNext((req) => (req.path.startsWith("/v1/subscriptions/") ? { status: 500, body: { error: { type: "api_error", message: "down" } } } : null));
    await expectApiError(await b.stripe.deliver(event), 503, "billing_provider_unavailable");
    expect(await billingDoc(b.db, team.id)).toMatchObject({ planId: "starter" });
    expect(await (await b.stripe.deliver(event)).json()).toMatchObject({ outcome: "active on growth (month)" });
  });
});

describe("who may do what", () => {
  it("billing is for owners; a stranger sees no team", async () => {
    const team = await createTeam(owner.client, "Roles Co");
    const stranger = await newUser(b.app.url, "Stranger");
    await expectApiError(await stranger.client.get(`/api/teams/${team.id}/usage`), 404, "not_found");
    await expectApiError(await stranger.client.get(`/api/teams/${team.id}/billing`), 404, "not_found");
    await expectApiError(await stranger.client.post(`/api/teams/${team.id}/billing/checkout`, { plan: "growth" }), 404, "not_found");
    await expectApiError(await owner.client.post(`/api/teams/${team.id}/billing/checkout`, { plan: "platinum" }), 400, "unknown_plan");
    await expectApiError(await owner.client.post(`/api/teams/${team.id}/billing/checkout`, { plan: "growth", interval: "weekly" }), 400, "invalid_input");
    await expectApiError(await owner.client.post(`/api/teams/${team.id}/billing/portal`), 409, "no_subscription");
  });

  it("a team that pays cannot be deleted until it cancels", async () => {
    const team = await createTeam(owner.client, "Delete Co");
    const sub = await subscribe(owner.client, b.stripe, team.id, "starter");
    await expectApiError(await owner.client.delete(`/api/teams/${team.id}`), 409, "subscription_active");
    await b.stripe.endSubscription(sub);
    expect((await owner.client.delete(`/api/teams/${team.id}`)).status).toBe(204);
    expect(await billingDoc(b.db, team.id)).toBeNull();
  });
});
