import { SDKValidationError } from "@polar-sh/sdk/models/errors/sdkvalidationerror.js";
import { validateEvent, WebhookVerificationError } from "@polar-sh/sdk/webhooks.js";
import { invalidSignature, missingSignature, parseJsonBody } from "../errors";
import type { Verifier } from "../types";

const REQUIRED = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

/**
 * Standard Webhooks, checked by Polar's SDK (5 min tolerance, any v1
 * signature, the secret as Polar shows it). Once the signature passed, its
 * validateEvent also parses the payload against its own models and throws
 * SDKValidationError for a type or shape it does not know: such an event is
 * genuine and goes on to the handlers (which ignore types they don't handle),
 * not rejected. Anything else it throws is a refusal.
 */
export const verifyPolar: Verifier = async (rawBody, headers, secret) => {
  for (const h of REQUIRED) if (!headers.get(h)) throw missingSignature(h);
  const plain = Object.fromEntries(REQUIRED.map((h) => [h, headers.get(h)!]));
  try {
    validateEvent(rawBody, plain, secret);
  } catch (err) {
    // A SyntaxError is thrown after the signature passed, for a body that is not JSON (400 below).
    const signedButUnreadable = err instanceof SyntaxError;
    if (!(err instanceof SDKValidationError) && !signedButUnreadable) throw invalidSignature(err instanceof WebhookVerificationError ? err.message : undefined);
  }
  const body = parseJsonBody(rawBody) as { type?: unknown; data?: unknown };
  return { id: plain["webhook-id"], type: typeof body.type === "string" ? body.type : "unknown", body: body.data };
};
