import { NodeRuntime, Webhooks } from "@paddle/paddle-node-sdk";
import { invalidPayload, invalidSignature, missingSignature, parseJsonBody } from "../errors";
import type { Verifier } from "../types";

// The SDK computes HMACs through a runtime it registers only when a `Paddle`
// API client is constructed; verifying needs no API key, so register it here.
NodeRuntime.initialize();
const paddle = new Webhooks();

/**
 * Paddle-Signature: ts=...;h1=... where h1 is the hex HMAC-SHA256 of
 * "<ts>:<raw body>". Checked by Paddle's SDK, which also refuses a ts more
 * than 5 seconds old (Paddle's recommended tolerance) against replays.
 */
export const verifyPaddle: Verifier = async (rawBody, headers, secret) => {
  const signature = headers.get("paddle-signature");
  if (!signature) throw missingSignature("Paddle-Signature");
  let valid = false;
  try {
    valid = await paddle.isSignatureValid(rawBody, secret, signature);
  } catch {
    // A header without ts or h1.
  }
  if (!valid) throw invalidSignature("The signature does not match this website's webhook secret, or it is too old");
  const body = parseJsonBody(rawBody) as { event_id?: unknown; event_type?: unknown; data?: unknown };
  if (typeof body.event_id !== "string" || typeof body.event_type !== "string") throw invalidPayload("event_id or event_type is missing");
  return { id: body.event_id, type: body.event_type, body: body.data };
};
