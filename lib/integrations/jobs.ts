import { runJob, type JobOutcome, type RunResult } from "@/lib/jobs/run-job";
import { Integration, integrationKey, type IntegrationDoc, type IntegrationKind } from "@/models/Integration";
import type { BackoffOptions } from "./backoff";
import { syncCommits } from "./github/sync";
import { syncSearchConsole } from "./search-console/sync";
import { syncMentions } from "./x/sync";

type Website = { _id: unknown; domain: string };

/** How often each integration syncs on its own; "run now" in settings does not wait for it. */
export const SYNC_INTERVAL_MS: Record<IntegrationKind, number> = {
  x: 15 * 60_000,
  github: 15 * 60_000,
  searchConsole: 24 * 3_600_000, // Search Console publishes a day at a time
};

const SYNCS: Record<IntegrationKind, (i: IntegrationDoc, w: Website, o: BackoffOptions) => Promise<JobOutcome>> = {
  x: syncMentions,
  github: syncCommits,
  searchConsole: syncSearchConsole,
};

export const jobId = (kind: IntegrationKind, websiteId: unknown) => `${kind}:${String(websiteId)}`;

/** One sync of one website's integration, under its lock; "busy" when a run is already under way. */
export async function runIntegration(website: Website, kind: IntegrationKind, opts: BackoffOptions = {}): Promise<RunResult> {
  return runJob(
    jobId(kind, website._id),
    { job: kind, websiteId: website._id },
    async () => {
      // Read inside the lock, so the cursor is the one the previous run left.
      const integration = await Integration.findOne({ _id: integrationKey(website._id, kind) }).lean<IntegrationDoc>();
      if (!integration) throw new Error("not configured");
      return SYNCS[kind](integration, website, opts);
    },
    { defaultIntervalMs: SYNC_INTERVAL_MS[kind] },
  );
}
