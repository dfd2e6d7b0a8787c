import type { WebsiteRef } from "@/lib/revenue";
import type { VerifiedEvent } from "@/lib/webhooks/types";

/** What a provider's backfill gets: the site, the decrypted key, where to start, and how to report. */
export type BackfillRun = {
  website: WebsiteRef;
  apiKey: string;
  since: Date;
  storeId?: string;
  /** Passes one listed object to a webhook handler, as if it had arrived by webhook. */
  handle: (handler: (website: WebsiteRef, event: VerifiedEvent) => Promise<string>, event: VerifiedEvent) => Promise<void>;
  /** Progress (0..1) between pages; true when the job was cancelled. */
  step: (progress: number) => Promise<boolean>;
};

export type BackfillRunner = (run: BackfillRun) => Promise<"cancelled" | void>;

/** Where a provider's SDK sends its calls: the provider unless TRAILMARK_<PROVIDER>_API_URL names another server (a proxy, or a test stand-in). */
export const apiUrl = (provider: string) => process.env[`TRAILMARK_${provider.toUpperCase()}_API_URL`] || undefined;

/**
 * A provider refused a list call: "key" when it does not accept the key,
 * "permission" when the key may not read the list, with the provider's own words.
 */
export class ProviderRefusal extends Error {
  constructor(readonly kind: "key" | "permission", readonly reason: string) {
    super(reason);
  }
}
