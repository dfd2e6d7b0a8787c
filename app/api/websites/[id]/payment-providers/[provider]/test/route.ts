import { z } from "zod";
import { takeLimit } from "@/lib/auth/rate-limits";
import { withWebsite } from "@/lib/auth/with-website";
import { ApiError } from "@/lib/http/errors";
import { paymentProviderIds } from "@/lib/schemas/website";
import { sendTestEvent } from "@/lib/webhooks/test/send";

export const dynamic = "force-dynamic";

/** "Send a test event": a signed, provider-shaped delivery to this site's webhook endpoint; answers what the endpoint said. */
export const POST = withWebsite<{ id: string; provider: string }>("admin", async (_req, { website, params }) => {
  const provider = z.enum(paymentProviderIds).safeParse(params.provider);
  if (!provider.success) throw new ApiError(404, "not_found", "Unknown payment provider");
  takeLimit("webhook-test", String(website._id));
  return Response.json(await sendTestEvent(String(website._id), provider.data));
});
