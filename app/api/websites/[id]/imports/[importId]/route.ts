import { withWebsite } from "@/lib/auth/with-website";
import { removeAnalyticsImport } from "@/lib/imports/analytics";

// A running import is cancelled (nothing of it stays); a finished one is removed with its data.
export const DELETE = withWebsite<{ id: string; importId: string }>("admin", async (_req, { website, params }) =>
  Response.json({ status: await removeAnalyticsImport(String(website._id), params.importId) }),
);
