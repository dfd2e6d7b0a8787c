import { receiveWebhook } from "@/lib/webhooks/receive";
import { polarWebhook } from "@/lib/webhooks/polar";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ websiteId: string }> }) {
  return receiveWebhook(polarWebhook, req, (await params).websiteId);
}
