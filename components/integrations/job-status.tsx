"use client";

import { AlertCircle, CheckCircle2, Loader2 } from "lucide-react";
import { formatDateTime } from "@/components/format";
import type { JobStatusDTO } from "@/lib/integrations/settings";

/** Last run, its outcome (or error, which the user must see to fix a revoked token) and the next run. */
export function JobStatus({ job }: { job: JobStatusDTO }) {
  return (
    <div className="grid gap-1 rounded-md border bg-muted/40 px-3 py-2 text-xs" data-testid="job-status">
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-muted-foreground">
        <span>Last run: {formatDateTime(job.lastRunAt)}</span>
        {job.nextRunAt ? <span>Next run: {formatDateTime(job.nextRunAt)}</span> : null}
        {job.running ? (
          <span className="inline-flex items-center gap-1 text-foreground">
            <Loader2 className="size-3 animate-spin" /> Running
          </span>
        ) : null}
      </div>
      {job.lastError ? (
        <p role="alert" className="inline-flex items-start gap-1.5 text-destructive">
          <AlertCircle className="mt-0.5 size-3.5 shrink-0" />
          <span>{job.lastError}</span>
        </p>
      ) : job.lastResult ? (
        <p className="inline-flex items-start gap-1.5 text-success">
          <CheckCircle2 className="mt-0.5 size-3.5 shrink-0" />
          <span>{job.lastResult}</span>
        </p>
      ) : null}
    </div>
  );
}
