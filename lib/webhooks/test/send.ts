import type { PaymentProviderId } from "@/lib/schemas/website";
import { webhookSecret } from "../receive";
import { testDelivery } from "./deliveries";

export type TestEventResult = {
  result: "accepted" | "signature_rejected" | "not_configured" | "failed" | "unreachable";
  /** The webhook endpoint's HTTP status (0 when it could not be reached). */
  status: number;
  message: string;
  url: string;
};

const TIMEOUT_MS = 15_000;

/**
 * Where this deployment's webhook endpoint is: the public address the
 * operator configured (NEXTAUTH_URL; what the provider posts to), else this
 * server on its own port. Never the request's Host header, which the caller
 * controls and would turn this into a signed request to anywhere.
 */
function ownOrigin(): string {
  try {
    if (process.env.NEXTAUTH_URL) return new URL(process.env.NEXTAUTH_URL).origin;
  } catch {
    // a malformed setting falls back to this server
  }
  return `http://127.0.0.1:${process.env.PORT || 3000}`;
}

/**
 * "Send a test event": builds a provider-shaped event, signs it with the
 * secret saved for the site the way that provider signs, posts it to this
 * deployment's webhook endpoint and says what the endpoint answered.
 */
export async function sendTestEvent(websiteId: string, provider: PaymentProviderId): Promise<TestEventResult> {
  const url = `${ownOrigin()}/api/webhooks/${provider}/${websiteId}`;
  // A missing secret is a 404 provider_not_configured (ApiError), as the endpoint would say.
  const delivery = testDelivery(provider, await webhookSecret(websiteId, provider));
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...delivery.headers }, body: delivery.body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    return { result: "unreachable", status: 0, url, message: `This server could not reach its own webhook endpoint at ${url}: ${(err as Error).message}. Check NEXTAUTH_URL.` };
  }
  const json = (await res.json().catch(() => null)) as { test?: boolean; outcome?: string; error?: { code?: string; message?: string } } | null;
  if (res.ok && json?.test) return { result: "accepted", status: res.status, url, message: json.outcome ?? "accepted" };
  const code = json?.error?.code;
  const message = json?.error?.message ?? `HTTP ${res.status}`;
  if (code === "invalid_signature" || code === "missing_signature") return { result: "signature_rejected", status: res.status, url, message };
  if (code === "provider_not_configured") return { result: "not_configured", status: res.status, url, message };
  return { result: "failed", status: res.status, url, message: res.ok ? "The endpoint answered, but not as to a test event: is NEXTAUTH_URL this deployment?" : message };
}
