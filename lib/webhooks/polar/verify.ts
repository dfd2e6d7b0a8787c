import { webhooks } from "@polar-sh/sdk/2026-10";
import { invalidSignature, missingSignature, parseJsonBody } from "../errors";
import type { Verifier } from "../types";

const REQUIRED = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

/**
 * Standard Webhooks, checked by Polar's SDK (5 min tolerance, any v1
 * signature, the secret as Polar shows it). Its validateEvent also refuses
 * types its API version does not know, but only after the signature passed:
 * such an event is genuine and is acknowledged as ignored, not rejected.
 */
export const verifyPolar: Verifier = async (rawBody, headers, secret) => {
  for (const h of REQUIRED) if (!headers.get(h)) throw missingSignature(h);
  const plain = Object.fromEntries(REQUIRED.map((h) => [h, headers.get(h)!]));
  try {
    await webhooks.validateEvent(rawBody, plain, secret);
  } catch (err) {
    // Thrown after the signature passed: a body that is not JSON (400 below) or a type this SDK does not know.
    const signedButUnreadable = err instanceof webhooks.PolarWebhookError && err.cause instanceof SyntaxError;
    if (!(err instanceof webhooks.PolarWebhookUnknownTypeError) && !signedButUnreadable) {
      throw invalidSignature(err instanceof webhooks.PolarWebhookVerificationError ? err.message : undefined);
    }
  }
  const body = parseJsonBody(rawBody) as { type?: unknown; data?: unknown };
  return { id: plain["webhook-id"], type: typeof body.type === "string" ? body.type : "unknown", body: body.data };
};
