// The events the settings cards tell owners to subscribe to are exactly the
// ones the webhook endpoints handle; a test delivery is known by its marker
// wherever its provider carries metadata, and only there.
import { describe, expect, it } from "vitest";
import { SUBSCRIBED_EVENTS } from "@/lib/webhooks/subscribed-events";
import { isTestEvent, testDelivery } from "@/lib/webhooks/test/deliveries";
import { lemonSqueezyWebhook } from "@/lib/webhooks/lemonsqueezy";
import { paddleWebhook } from "@/lib/webhooks/paddle";
import { polarWebhook } from "@/lib/webhooks/polar";
import { stripeWebhook } from "@/lib/webhooks/stripe";
import { SECRETS } from "../../helpers/webhooks";

const HOOKS = [stripeWebhook, lemonSqueezyWebhook, polarWebhook, paddleWebhook];

describe("subscribed events", () => {
  it.each(HOOKS.map((h) => [h.provider, h] as const))("%s: the card lists every handled type and nothing else", (provider, hook) => {
    expect([...SUBSCRIBED_EVENTS[provider]].sort()).toEqual(Object.keys(hook.handlers).sort());
  });
});

describe("test deliveries", () => {
  it.each(HOOKS.map((h) => [h.provider, h] as const))("%s: verified by the provider's own check with the secret, and recognised as a test", async (provider, hook) => {
    const d = testDelivery(provider, SECRETS[provider]);
    const event = await hook.verify(d.body, new Headers(d.headers), SECRETS[provider]);
    expect(Object.keys(hook.handlers)).toContain(event.type);
    expect(isTestEvent(event.body)).toBe(true);
    // Signed with another secret, the same delivery is refused.
    await expect(hook.verify(d.body, new Headers(d.headers), `${SECRETS[provider]}x`)).rejects.toMatchObject({ code: "invalid_signature" });
  });

  it("a real event (no marker, or a marker that is not \"true\") is not a test", () => {
    expect(isTestEvent({ metadata: { trailmark_visitor_id: "v1" } })).toBe(false);
    expect(isTestEvent({ custom_data: { trailmark_test: "false" } })).toBe(false);
    expect(isTestEvent({ meta: { custom_data: null } })).toBe(false);
    expect(isTestEvent(null)).toBe(false);
  });
});
