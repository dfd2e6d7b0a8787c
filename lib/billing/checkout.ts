import Stripe from "stripe";
import { ApiError } from "@/lib/http/errors";
import { appOrigin } from "@/lib/mail/transport";
import type { TeamDoc } from "@/models/Team";
import { TeamBilling } from "@/models/TeamBilling";
import { billingConfig, type BillingConfig } from "./config";
import { priceOf, type Interval } from "./plans";
import { hasLiveSubscription } from "./standing";
import { billingRecord } from "./state";
import { idOf, stripeClient, TEAM_METADATA_KEY } from "./stripe";
import { syncSubscription } from "./webhook/sync";

const off = () => new ApiError(404, "not_found", "Billing is not enabled on this server");

/** A Stripe failure as the caller sees it: our side could not reach, or was refused by, the payment provider. */
function providerError(err: unknown): ApiError {
  const message = err instanceof Stripe.errors.StripeError ? err.message : (err as Error).message;
  console.error("[billing] Stripe call failed:", message);
  return new ApiError(502, "billing_provider_error", `The payment provider did not accept the request: ${message}`);
}

async function stripeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw providerError(err);
  }
}

/**
 * The team's Stripe customer, made on first need. Stripe's idempotency key
 * makes two racing first checkouts share one customer, and the store keeps
 * whichever id was written first.
 */
async function customerOf(team: TeamDoc, owner: { email: string; name: string }, config: BillingConfig): Promise<string> {
  const doc = await billingRecord(team._id, new Date(), config);
  if (doc?.customerId) return doc.customerId;
  const teamId = String(team._id);
  const customer = await stripeCall(() =>
    stripeClient(config).customers.create(
      { email: owner.email, name: team.personal ? owner.name : team.name, metadata: { [TEAM_METADATA_KEY]: teamId } },
      { idempotencyKey: `trailmark-customer-${teamId}` },
    ),
  );
  await TeamBilling.updateOne({ _id: team._id, customerId: { $exists: false } }, { $set: { customerId: customer.id } });
  const saved = await TeamBilling.findById(team._id, { customerId: 1 }).lean();
  return saved?.customerId ?? customer.id;
}

/**
 * A Stripe Checkout page (subscription mode) for the plan and interval; the
 * subscription's state arrives through the webhook. A team that already pays
 * changes plans in the Customer Portal instead.
 */
export async function openCheckout(team: TeamDoc, owner: { email: string; name: string }, input: { plan: string; interval: Interval }): Promise<{ url: string }> {
  const config = billingConfig();
  if (!config) throw off();
  const plan = config.plans.find((p) => p.id === input.plan);
  if (!plan) throw new ApiError(400, "unknown_plan", `No plan "${input.plan}"; choose one of: ${config.plans.map((p) => p.id).join(", ")}`);
  const doc = await billingRecord(team._id, new Date(), config);
  if (doc && hasLiveSubscription(doc)) throw new ApiError(409, "already_subscribed", "This team already has a subscription: change its plan in the billing portal");
  const customer = await customerOf(team, owner, config);
  const teamId = String(team._id);
  const back = `${appOrigin()}/team/${teamId}`;
  const session = await stripeCall(() =>
    stripeClient(config).checkout.sessions.create({
      mode: "subscription",
      customer,
      client_reference_id: teamId,
      line_items: [{ price: priceOf(plan, input.interval), quantity: 1 }],
      subscription_data: { metadata: { [TEAM_METADATA_KEY]: teamId } },
      metadata: { [TEAM_METADATA_KEY]: teamId },
      allow_promotion_codes: true,
      success_url: `${back}?checkout={CHECKOUT_SESSION_ID}#billing`,
      cancel_url: `${back}#billing`,
    }),
  );
  if (!session.url) throw providerError(new Error("the checkout session has no URL"));
  return { url: session.url };
}

/** Stripe's Customer Portal for the team: card, plan changes, invoices, cancellation. */
export async function openPortal(team: TeamDoc): Promise<{ url: string }> {
  const config = billingConfig();
  if (!config) throw off();
  const doc = await billingRecord(team._id, new Date(), config);
  if (!doc?.customerId) throw new ApiError(409, "no_subscription", "This team has never subscribed: choose a plan first");
  const session = await stripeCall(() => stripeClient(config).billingPortal.sessions.create({ customer: doc.customerId!, return_url: `${appOrigin()}/team/${String(team._id)}#billing` }));
  return { url: session.url };
}

/**
 * The return from Checkout (its success URL names the session): Stripe
 * redirects at once and its webhook may come a little later, so the session
 * is looked up here and a paid subscription applied straight away. Another
 * team's session, or one not paid yet, changes nothing.
 */
export async function confirmCheckout(teamId: string, sessionId: string): Promise<void> {
  const config = billingConfig();
  if (!config || !/^cs_[A-Za-z0-9_]+$/.test(sessionId)) return;
  const session = await stripeCall(() => stripeClient(config).checkout.sessions.retrieve(sessionId));
  const subscription = idOf(session.subscription);
  if (session.client_reference_id !== teamId || session.status !== "complete" || !subscription) return;
  await syncSubscription(subscription, config, teamId);
}
