import { Trailmark, TrailmarkError } from "@trailmark/node";

// Made on first use: the key is set where the app runs, not where it is built.
let trailmark: Trailmark | undefined;
const client = () => (trailmark ??= new Trailmark({ apiKey: process.env.TRAILMARK_API_KEY ?? "", host: process.env.TRAILMARK_HOST ?? "http://localhost:3000" }));

// Your payment provider charges the buyer; Trailmark records the payment
// against the visit that brought them.
export async function POST(req: Request) {
  const { plan, visitorId } = (await req.json()) as { plan: string; visitorId?: string };
  try {
    const { payment, created } = await client().payments.record({
      transactionId: `order_${crypto.randomUUID()}`,
      amount: plan === "pro" ? 4900 : 1900,
      currency: "usd",
      visitorId,
    });
    return Response.json({ payment, created });
  } catch (err) {
    // err.code is the API's error code (invalid_input, rate_limited, ...), err.message says what to fix.
    if (err instanceof TrailmarkError) return Response.json({ error: err.code, message: err.message }, { status: 502 });
    throw err;
  }
}
