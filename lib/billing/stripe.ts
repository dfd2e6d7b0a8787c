import Stripe from "stripe";
import type { BillingConfig } from "./config";

/** Where checkout puts the team's id on the subscription and the customer (Stripe metadata). */
export const TEAM_METADATA_KEY = "trailmark_team_id";

/** An expandable Stripe field's id, whether it came as the id or as the object. */
export const idOf = (v: string | { id: string } | null | undefined) => (typeof v === "string" ? v : (v?.id ?? null));

let client: { key: string; stripe: Stripe } | undefined;

/** Trailmark's own Stripe account (not a customer's): one SDK client per key and endpoint. */
export function stripeClient(config: BillingConfig): Stripe {
  const key = `${config.secretKey}|${JSON.stringify(config.endpoint ?? null)}`;
  if (client?.key !== key) {
    client = {
      key,
      stripe: new Stripe(config.secretKey, {
        ...(config.endpoint ?? {}),
        maxNetworkRetries: 2,
        timeout: 20_000,
        telemetry: false,
        appInfo: { name: "Trailmark" },
      }),
    };
  }
  return client.stripe;
}
