import Stripe from "stripe";
import { invalidPayload, invalidSignature, missingSignature, parseJsonBody } from "../errors";
import type { Verifier } from "../types";

// Stripe's own default: a signature older than five minutes is a replay. The
// SDK only checks that side; one dated further ahead than that was not made
// by Stripe's clock either (a forged or pre-signed delivery), so it is refused too.
const TOLERANCE_SECONDS = 300;

/** The `t=` of a Stripe-Signature header, in seconds. */
const signedAt = (header: string) => Number(/(?:^|,)\s*t=(\d+)/.exec(header)?.[1] ?? NaN);

/**
 * Stripe-Signature: t=...,v1=...[,v1=...]; any matching v1 passes (secret
 * rotation). The body is parsed only after the signature checked out, so a
 * signed body that is not an event is a 400, not a bad signature.
 */
export const verifyStripe: Verifier = async (rawBody, headers, secret) => {
  const signature = headers.get("stripe-signature");
  if (!signature) throw missingSignature("Stripe-Signature");
  try {
    // The SDK's own check of the signature and the past side of the tolerance (what constructEvent does before it parses).
    Stripe.webhooks.signature!.verifyHeader(rawBody, signature, secret, TOLERANCE_SECONDS);
  } catch (err) {
    throw invalidSignature(err instanceof Error ? err.message : undefined);
  }
  if (signedAt(signature) - Math.floor(Date.now() / 1000) > TOLERANCE_SECONDS) {
    throw invalidSignature("The signature's timestamp is more than five minutes in the future");
  }
  const event = parseJsonBody(rawBody) as Partial<Stripe.Event> | null;
  if (typeof event?.id !== "string" || typeof event.type !== "string" || typeof event.data?.object !== "object" || event.data.object === null) {
    throw invalidPayload("The body is not a Stripe event (id, type and data.object are required)");
  }
  return { id: event.id, type: event.type, body: event.data.object, apiVersion: event.api_version ?? undefined };
};
