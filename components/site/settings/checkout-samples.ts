import type { PaymentProviderId } from "@/lib/schemas/website";

// How a site hands the visitor id to each provider's checkout: the key the
// webhook reads it back from (see the README's Payments section).
const FROM_BROWSER = `// In the browser, send the visitor id along with the checkout request:
await fetch("/api/checkout", { method: "POST", body: JSON.stringify({ visitorId: trailmark.visitorId() }) });

`;

export const CHECKOUT_SAMPLES: Record<PaymentProviderId, string> = {
  stripe: `${FROM_BROWSER}// On your server (stripe):
const session = await stripe.checkout.sessions.create({
  mode: "payment",
  line_items: [{ price: "price_123", quantity: 1 }],
  success_url: "https://example.com/thanks",
  client_reference_id: visitorId,
  metadata: { trailmark_visitor_id: visitorId },
  // subscriptions: renewals are tied to the visitor too
  // subscription_data: { metadata: { trailmark_visitor_id: visitorId } },
});`,
  lemonsqueezy: `// In the browser: the checkout link carries the visitor id as custom data.
const url = new URL("https://yourstore.lemonsqueezy.com/buy/VARIANT_ID");
url.searchParams.set("checkout[custom][trailmark_visitor_id]", trailmark.visitorId());
location.href = url.toString();`,
  polar: `${FROM_BROWSER}// On your server (@polar-sh/sdk):
const checkout = await polar.checkouts.create({
  products: ["PRODUCT_ID"],
  successUrl: "https://example.com/thanks",
  metadata: { trailmark_visitor_id: visitorId },
});`,
  paddle: `// In the browser (Paddle.js):
Paddle.Checkout.open({
  items: [{ priceId: "pri_123", quantity: 1 }],
  customData: { trailmark_visitor_id: trailmark.visitorId() },
});`,
};
