import { Types } from "mongoose";
import { decryptSecret } from "@/lib/crypto";
import { connectDb, isStoreUnavailable } from "@/lib/db";
import { ApiError, errorResponse, toErrorResponse } from "@/lib/http/errors";
import { readLimitedText } from "@/lib/http/limited-body";
import { isDuplicateKey } from "@/lib/revenue/ids";
import { WebhookEvent, webhookEventKey } from "@/models/WebhookEvent";
import { Website } from "@/models/Website";
import { isTestEvent } from "./test/deliveries";
import type { ProviderWebhook } from "./types";

// Provider payloads are a few KB; an invoice with many lines stays far below this.
const MAX_BODY = 1024 * 1024;

const unknownWebsite = () => new ApiError(404, "unknown_website", "No website with this id");

export async function webhookSecret(websiteId: string, provider: string): Promise<string> {
  if (!Types.ObjectId.isValid(websiteId)) throw unknownWebsite();
  const site = await Website.findById(websiteId, { paymentProviders: 1, deletedAt: 1 }).lean();
  if (!site || site.deletedAt) throw unknownWebsite();
  const sealed = (site.paymentProviders as Record<string, { webhookSecretEnc?: string | null } | undefined> | undefined)?.[provider]?.webhookSecretEnc;
  if (!sealed) throw new ApiError(404, "provider_not_configured", `This website has no ${provider} webhook secret`);
  return decryptSecret(sealed);
}

/**
 * A provider's webhook delivery, end to end: verify the raw body against the
 * website's secret, skip an event already handled, dispatch by type, and
 * record the event id only after the handler's writes succeeded. Any store
 * failure is a 5xx, so the provider delivers again and the idempotent
 * handlers finish what the failed attempt started.
 */
export async function receiveWebhook(hook: ProviderWebhook, req: Request, websiteId: string): Promise<Response> {
  try {
    const raw = await readLimitedText(req, MAX_BODY);
    await connectDb();
    const secret = await webhookSecret(websiteId, hook.provider);
    const event = await hook.verify(raw, req.headers, secret);
    const website = { id: websiteId };

    // The dashboard's "Send a test event": the signature, the route and the
    // event's shape are what it checks; it records nothing and, not being the
    // provider, does not count as "last received".
    if (isTestEvent(event.body)) {
      const what = hook.handlers[event.type] ? `a real ${event.type} would be recorded` : `${event.type} is not a type this endpoint handles`;
      return Response.json({ received: true, test: true, outcome: `test event: signature verified, nothing recorded (${what})` });
    }

    // Every verified delivery counts as "last received", ignored types too:
    // it is what tells the owner the endpoint is wired up.
    await Website.updateOne({ _id: websiteId }, { $set: { [`paymentProviders.${hook.provider}.lastReceivedAt`]: new Date() } });

    const key = webhookEventKey(websiteId, hook.provider, event.id);
    if (await WebhookEvent.exists({ _id: key })) return Response.json({ received: true, duplicate: true });

    const handler = hook.handlers[event.type];
    const outcome = handler ? await handler(website, event) : "ignored: unhandled event type";
    try {
      await WebhookEvent.create({ _id: key, websiteId, provider: hook.provider, eventId: event.id, type: event.type, outcome, receivedAt: new Date() });
    } catch (err) {
      // A concurrent delivery of the same event finished first; the handler's writes converged on its.
      if (!isDuplicateKey(err)) throw err;
    }
    return Response.json({ received: true, outcome });
  } catch (err) {
    // The provider should retry later, which 503 asks for.
    if (isStoreUnavailable(err)) {
      console.error(`[webhooks] ${hook.provider}: store unavailable, asking for a retry`, (err as Error).message);
      return errorResponse(503, "store_unavailable", "The database is not reachable; deliver this event again later.");
    }
    return toErrorResponse(err);
  }
}
