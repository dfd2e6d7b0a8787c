import { receiveWebhook } from "@/lib/webhooks/receive";
import { paddleWebhook } from "@/lib/webhooks/paddle";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ websiteId: string }> }) {
  return receiveWebhook(paddleWebhook, req, (await params).websiteId);
}
