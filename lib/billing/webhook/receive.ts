import Stripe from "stripe";
import { connectDb } from "@/lib/db";
import { ApiError, errorResponse, toErrorResponse } from "@/lib/http/errors";
import { readLimitedText } from "@/lib/http/limited-body";
import { isDuplicateKey } from "@/lib/revenue/ids";
import { isStoreUnavailable } from "@/lib/db";
import { BillingEvent } from "@/models/BillingEvent";
import { billingConfig } from "../config";
import { BILLING_HANDLERS } from "./handlers";
import { verifyBillingEvent } from "./verify";

const MAX_BODY = 1024 * 1024;

/**
 * POST /api/billing/webhook: Trailmark's own Stripe account (separate from
 * the customers' payment webhooks). Verify the raw body, skip an event id
 * already handled, dispatch by type, and record the id only once the
 * handler's writes are done. When the store or Stripe cannot be reached the
 * answer is a 5xx, so Stripe delivers again and the handler finishes then.
 */
export async function receiveBillingWebhook(req: Request): Promise<Response> {
  try {
    const config = billingConfig();
    if (!config) throw new ApiError(404, "not_found", "Billing is not enabled on this server");
    const raw = await readLimitedText(req, MAX_BODY);
    const event = verifyBillingEvent(raw, req.headers, config.webhookSecret);
    await connectDb();
    if (await BillingEvent.exists({ _id: event.id })) return Response.json({ received: true, duplicate: true });
    const handler = BILLING_HANDLERS[event.type];
    const outcome = handler ? await handler(event, config) : "ignored: unhandled event type";
    try {
      await BillingEvent.create({ _id: event.id, type: event.type, outcome, receivedAt: new Date() });
    } catch (err) {
      // A concurrent delivery of the same event finished first; both converged on Stripe's current state.
      if (!isDuplicateKey(err)) throw err;
    }
    return Response.json({ received: true, outcome });
  } catch (err) {
    if (isStoreUnavailable(err)) return errorResponse(503, "store_unavailable", "The database is not reachable; deliver this event again later.");
    if (err instanceof Stripe.errors.StripeError) {
      console.error("[billing] webhook: Stripe lookup failed, asking for a retry:", err.message);
      return errorResponse(503, "billing_provider_unavailable", "Stripe could not be asked for the subscription; deliver this event again later.");
    }
    return toErrorResponse(err);
  }
}
