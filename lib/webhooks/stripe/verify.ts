import Stripe from "stripe";
import { invalidSignature, missingSignature } from "../errors";
import type { Verifier } from "../types";

// Stripe's own default: a signature older than five minutes is a replay.
const TOLERANCE_SECONDS = 300;

/** Stripe-Signature: t=...,v1=...[,v1=...]; constructEvent accepts any matching v1 (secret rotation). */
export const verifyStripe: Verifier = async (rawBody, headers, secret) => {
  const signature = headers.get("stripe-signature");
  if (!signature) throw missingSignature("Stripe-Signature");
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature, secret, TOLERANCE_SECONDS);
  } catch (err) {
    throw invalidSignature(err instanceof Error ? err.message : undefined);
  }
  return { id: event.id, type: event.type, body: event.data.object, apiVersion: event.api_version ?? undefined };
};
