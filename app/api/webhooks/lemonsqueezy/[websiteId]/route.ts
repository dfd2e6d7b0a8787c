import { receiveWebhook } from "@/lib/webhooks/receive";
import { lemonSqueezyWebhook } from "@/lib/webhooks/lemonsqueezy";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ websiteId: string }> }) {
  return receiveWebhook(lemonSqueezyWebhook, req, (await params).websiteId);
}
