import { receiveWebhook } from "@/lib/webhooks/receive";
import { stripeWebhook } from "@/lib/webhooks/stripe";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ websiteId: string }> }) {
  return receiveWebhook(stripeWebhook, req, (await params).websiteId);
}
