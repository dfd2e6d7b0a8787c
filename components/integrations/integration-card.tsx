import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { StatusMessage } from "@/components/site/settings/status-message";
import type { Status } from "@/components/site/settings/use-patch-website";
import type { JobStatusDTO } from "@/lib/integrations/settings";
import { JobStatus } from "./job-status";

/** The frame every integration shares: name, state badge, its form, "Run now" and the job's history. */
export function IntegrationCard({
  title,
  description,
  configured,
  job,
  pending,
  status,
  onRun,
  children,
}: {
  title: string;
  description: React.ReactNode;
  configured: boolean;
  job: JobStatusDTO;
  pending: boolean;
  status: Status;
  onRun: () => void;
  children: React.ReactNode;
}) {
  return (
    <section className="flex min-w-0 flex-col gap-3 rounded-lg border p-4" aria-label={title}>
      <div className="flex flex-wrap items-center gap-2">
        <h4 className="font-medium">{title}</h4>
        {configured ? <Badge variant="success">Connected</Badge> : <Badge variant="outline">Not connected</Badge>}
        {job.lastError ? <Badge variant="destructive">Error</Badge> : null}
        <Button size="sm" variant="outline" className="ml-auto" disabled={!configured || pending || job.running} onClick={onRun}>
          {pending ? "Running…" : "Run now"}
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">{description}</p>
      {children}
      <StatusMessage status={status} />
      {configured || job.lastRunAt ? <JobStatus job={job} /> : null}
    </section>
  );
}
