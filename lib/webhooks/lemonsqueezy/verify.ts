import { createHmac, timingSafeEqual } from "node:crypto";
import { sha256Hex } from "@/lib/crypto";
import { invalidPayload, invalidSignature, missingSignature, parseJsonBody } from "../errors";
import type { Verifier } from "../types";

/**
 * X-Signature is the hex HMAC-SHA256 of the raw body under the webhook's
 * signing secret, compared in constant time. LemonSqueezy sends no event id
 * and no timestamp, so the event id is the event name, the object's id and a
 * digest of the body: a redelivery (same bytes) is the same event, a later
 * change to the same object (a second partial refund) is a new one.
 */
export const verifyLemonSqueezy: Verifier = async (rawBody, headers, secret) => {
  const signature = headers.get("x-signature");
  if (!signature) throw missingSignature("X-Signature");
  const expected = createHmac("sha256", secret).update(rawBody, "utf8").digest();
  const given = Buffer.from(signature.trim(), "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidSignature();

  const body = parseJsonBody(rawBody) as { meta?: { event_name?: unknown }; data?: { id?: unknown } };
  const type = typeof body.meta?.event_name === "string" ? body.meta.event_name : headers.get("x-event-name");
  if (!type) throw invalidPayload("meta.event_name is missing");
  return { id: `${type}:${String(body.data?.id ?? "")}:${sha256Hex(rawBody).slice(0, 32)}`, type, body };
};
