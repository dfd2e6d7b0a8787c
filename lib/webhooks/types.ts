import type { WebsiteRef } from "@/lib/revenue";

/** A delivery whose signature checked out: what the dispatcher needs of it. */
export type VerifiedEvent = {
  /** The provider's event id (Polar: webhook-id; LemonSqueezy has none, see its verify.ts). */
  id: string;
  type: string;
  /** The parsed JSON body. */
  body: unknown;
  /** The payload's API version, when the provider states one (Stripe). */
  apiVersion?: string;
};

/** Checks the signature on the raw body; throws ApiError 400 (missing) or 401 (bad). */
export type Verifier = (rawBody: string, headers: Headers, secret: string) => Promise<VerifiedEvent>;

/** One event type's handler. Returns what it did ("recorded", "ignored: ..."), kept with the event. */
export type EventHandler = (website: WebsiteRef, event: VerifiedEvent) => Promise<string>;

export type ProviderWebhook = {
  provider: "stripe" | "lemonsqueezy" | "polar" | "paddle";
  verify: Verifier;
  handlers: Record<string, EventHandler>;
};
