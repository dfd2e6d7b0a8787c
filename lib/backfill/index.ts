import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { ApiError } from "@/lib/http/errors";
import { cancelOrRemove, createJob, runInBackground } from "@/lib/imports/jobs";
import type { BackfillInput } from "@/lib/schemas/imports";
import { Import } from "@/models/Import";
import { backfillStripe } from "./stripe";
import type { BackfillRunner } from "./types";

const RUNNERS: Partial<Record<BackfillInput["provider"], BackfillRunner>> = { stripe: backfillStripe };

/** How a provider's SDK says the key is wrong, in words the owner can act on. */
function keyFailure(provider: string, err: unknown): ApiError | null {
  const e = err as { statusCode?: number; status?: number; response?: { status?: number }; cause?: { statusCode?: number }; message?: string };
  const status = e.statusCode ?? e.status ?? e.response?.status ?? e.cause?.statusCode;
  if (status === 401) return new ApiError(400, "invalid_api_key", `${provider} rejected the API key (401): check it and that it is not revoked`);
  if (status === 403) return new ApiError(400, "insufficient_permissions", `${provider} refused a list call (403): give the key read access to payments, invoices and refunds`);
  return null;
}

/**
 * Imports the last `days` of a provider's payments, renewals and refunds as a
 * job. Every object goes through the webhook handler of its event, so the
 * transaction ids, the attribution (metadata visitor, identity or email, the
 * customer's earlier payment) and the idempotency are the webhooks': a
 * payment that arrives both ways is one payment. The key is kept encrypted
 * on the job and never returned.
 */
export async function startBackfill(websiteId: string, userId: string | undefined, input: BackfillInput): Promise<{ id: string }> {
  const runner = RUNNERS[input.provider];
  if (!runner) throw new ApiError(400, "provider_not_supported", `Backfill from ${input.provider} is not available yet; its webhooks record new payments`);
  const since = new Date(Date.now() - input.days * 86_400_000);
  const { job } = await createJob({ websiteId, kind: "backfill", source: input.provider, days: input.days, from: since.toISOString().slice(0, 10), apiKeyEnc: encryptSecret(input.apiKey), createdBy: userId });
  const id = String(job._id);
  const counts = { payments: 0, refunds: 0 };
  runInBackground(
    id,
    async (ctl) => {
      const apiKey = decryptSecret(job.apiKeyEnc!);
      try {
        const outcome = await runner({
          website: { id: websiteId },
          apiKey,
          since,
          storeId: input.storeId,
          step: (p) => ctl.step(p, { counts }),
          handle: async (handler, event) => {
            const result = await handler({ id: websiteId }, event);
            if (result === "recorded") counts.payments++;
            else if (result.startsWith("refund")) counts.refunds++;
          },
        });
        if (outcome === "cancelled") return "cancelled";
      } catch (err) {
        throw keyFailure(input.provider, err) ?? err;
      }
      return { counts, to: new Date().toISOString().slice(0, 10) };
    },
    // Payments already recorded stay: each is a real payment, recorded as its webhook would have.
    async () => {},
  );
  return { id };
}

/** DELETE of a backfill: cancelled when running, else dismissed from the list (its payments stay). */
export async function removeBackfill(websiteId: string, id: string) {
  const r = await cancelOrRemove(websiteId, id, async () => {});
  // The key goes with the job; a cancelled job keeps none either.
  await Import.updateOne({ _id: id, websiteId }, { $unset: { apiKeyEnc: 1 } });
  return r;
}
