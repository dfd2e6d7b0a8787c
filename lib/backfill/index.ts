import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { ApiError } from "@/lib/http/errors";
import { cancelOrRemove, createJob, runInBackground } from "@/lib/imports/jobs";
import type { BackfillInput } from "@/lib/schemas/imports";
import { Import } from "@/models/Import";
import { backfillLemonSqueezy } from "./lemonsqueezy";
import { backfillPaddle } from "./paddle";
import { backfillPolar } from "./polar";
import { backfillStripe } from "./stripe";
import { ProviderRefusal, type BackfillRunner } from "./types";

type Provider = BackfillInput["provider"];

const RUNNERS: Record<Provider, BackfillRunner> = { stripe: backfillStripe, lemonsqueezy: backfillLemonSqueezy, polar: backfillPolar, paddle: backfillPaddle };

const NAMES: Record<Provider, string> = { stripe: "Stripe", lemonsqueezy: "LemonSqueezy", polar: "Polar", paddle: "Paddle" };

// What each key must be allowed to read (the README says the same).
const NEEDS: Record<Provider, string> = {
  stripe: "give the restricted key read access to Checkout Sessions, Invoices, Payment Intents and Charges",
  lemonsqueezy: "use an API key of the store's own account, in the mode (test or live) of its payments",
  polar: "give the organization access token the orders:read scope",
  paddle: "give the API key the transaction.read, adjustment.read and customer.read permissions",
};

/** How a provider's SDK says the key is wrong, in the provider's words and the owner's next step; the key itself is masked. */
function keyFailure(provider: Provider, apiKey: string, err: unknown): ApiError | null {
  const e = err as { statusCode?: number; status?: number; response?: { status?: number }; cause?: { statusCode?: number }; message?: string };
  const status = e.statusCode ?? e.status ?? e.response?.status ?? e.cause?.statusCode;
  const kind = err instanceof ProviderRefusal ? err.kind : status === 401 ? "key" : status === 403 ? "permission" : null;
  if (!kind) return null;
  const reason = (err instanceof ProviderRefusal ? err.reason : (e.message ?? "")).replaceAll(apiKey, "***").slice(0, 300);
  const said = reason ? ` ("${reason}")` : "";
  if (kind === "key") return new ApiError(400, "invalid_api_key", `${NAMES[provider]} rejected the API key${said}: check it, that it is not revoked, and that it is for the live or test mode you meant`);
  return new ApiError(400, "insufficient_permissions", `${NAMES[provider]} refused a list call${said}: ${NEEDS[provider]}`);
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
        throw keyFailure(input.provider, apiKey, err) ?? err;
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
