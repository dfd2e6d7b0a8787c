import { withWebsite } from "@/lib/auth/with-website";
import { removeBackfill } from "@/lib/backfill";

// A running backfill is cancelled (payments recorded so far stay, as their webhooks would have); a finished one is dismissed.
export const DELETE = withWebsite<{ id: string; backfillId: string }>("admin", async (_req, { website, params }) =>
  Response.json({ status: await removeBackfill(String(website._id), params.backfillId) }),
);
