import Stripe from "stripe";
import { invalidSignature, missingSignature } from "@/lib/webhooks/errors";

// Stripe's own window: a signature more than five minutes old is a replay.
const TOLERANCE_SECONDS = 300;

/**
 * Checks the Stripe-Signature of a delivery to Trailmark's own endpoint with
 * the SDK, which refuses signatures older than the tolerance. The SDK lets a
 * timestamp from the future through, so one more than the tolerance ahead of
 * this clock is refused here: a captured delivery signed ahead of time must
 * not stay valid for longer than five minutes either.
 */
export function verifyBillingEvent(rawBody: string, headers: Headers, secret: string, nowMs = Date.now()): Stripe.Event {
  const signature = headers.get("stripe-signature");
  if (!signature) throw missingSignature("Stripe-Signature");
  const now = Math.floor(nowMs / 1000);
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature, secret, TOLERANCE_SECONDS, undefined, nowMs);
  } catch (err) {
    throw invalidSignature(err instanceof Error ? err.message : undefined);
  }
  const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signature)?.[1]);
  if (!(signedAt - now <= TOLERANCE_SECONDS)) throw invalidSignature("Timestamp outside the tolerance zone: signed more than 5 minutes ahead of this server's clock");
  return event;
}
