import { withWebsite } from "@/lib/auth/with-website";
import { ApiError } from "@/lib/http/errors";
import { runIntegration } from "@/lib/integrations/jobs";
import { getIntegrations } from "@/lib/integrations/settings";
import { runKindSchema } from "@/lib/schemas/integrations";

// "Run now" waits for the sync (seconds, or a short rate-limit wait) and answers with the new job state.
export const maxDuration = 300;

export const POST = withWebsite<{ id: string; kind: string }>("admin", async (_req, { website, params }) => {
  const parsed = runKindSchema.safeParse(params.kind);
  if (!parsed.success) throw new ApiError(404, "not_found", "Unknown integration");
  const kind = parsed.data;
  const before = await getIntegrations(website);
  const configured = kind === "searchConsole" ? before.searchConsole.connected : before[kind].configured;
  if (!configured) throw new ApiError(409, "not_configured", "Set this integration up before running it");
  const result = await runIntegration(website, kind);
  if (result.status === "busy") throw new ApiError(409, "already_running", "A sync of this integration is already running");
  const integrations = await getIntegrations(website);
  return Response.json({ result, integrations });
});
