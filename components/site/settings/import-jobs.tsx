"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { formatDayKey, formatNumber } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ImportView } from "@/lib/imports/jobs";
import type { Status } from "./use-patch-website";

const SOURCE_LABEL: Record<string, string> = { plausible: "Plausible", umami: "Umami", ga4: "Google Analytics 4", stripe: "Stripe", lemonsqueezy: "LemonSqueezy", polar: "Polar", paddle: "Paddle" };
const counted = (n: number, noun: string) => `${formatNumber(n)} ${noun}${n === 1 ? "" : "s"}`;
const live = (j: ImportView) => j.status === "queued" || j.status === "running";

/** A job list that refreshes every second while a job is queued or running. */
export function useJobs(url: string, pick: (body: never) => ImportView[]) {
  const [jobs, setJobs] = useState<ImportView[] | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const reload = useCallback(async () => {
    const r = await apiFetch<never>(url);
    if (r.ok) setJobs(pick(r.data));
    else setStatus({ kind: "error", message: r.message });
    // `pick` is a field accessor written inline.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);
  useEffect(() => void reload(), [reload]);
  const running = jobs?.some(live) ?? false;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => void reload(), 1000);
    return () => clearInterval(t);
  }, [running, reload]);
  return { jobs, reload, status, setStatus };
}

function JobRow({ job, onDelete }: { job: ImportView; onDelete: () => void }) {
  const tone = job.status === "done" ? "secondary" : job.status === "failed" ? "destructive" : "outline";
  const what = job.kind === "backfill" ? `${counted(job.payments ?? 0, "payment")}, ${counted(job.refunds ?? 0, "refund")}` : job.from && job.to ? `${formatDayKey(job.from, true)} – ${formatDayKey(job.to, true)}` : "";
  return (
    <li className="grid gap-2 rounded-lg border p-3" data-import={job.id} data-status={job.status}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{SOURCE_LABEL[job.source] ?? job.source}</span>
        <Badge variant={tone}>{job.status}</Badge>
        <span className="text-sm text-muted-foreground">{what}</span>
        <Button size="sm" variant="outline" className="ml-auto" onClick={onDelete}>
          {live(job) ? "Cancel" : job.kind === "backfill" ? "Dismiss" : "Delete data"}
        </Button>
      </div>
      {live(job) ? (
        <div className="h-1.5 overflow-hidden rounded-full bg-muted" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(job.progress * 100)}>
          <div className="h-full bg-primary transition-all" style={{ width: `${Math.max(2, job.progress * 100)}%` }} />
        </div>
      ) : null}
      {job.error ? <p className="text-sm text-destructive">{job.error}</p> : null}
    </li>
  );
}

/** The jobs of one kind, newest first, each cancellable while it runs and removable after. */
export function JobList({ jobs, base, onChanged, setStatus, empty }: { jobs: ImportView[] | null; base: string; onChanged: () => void; setStatus: (s: Status) => void; empty: string }) {
  async function onDelete(job: ImportView) {
    const r = await apiFetch(`${base}/${job.id}`, { method: "DELETE" });
    setStatus(r.ok ? { kind: "success", message: live(job) ? "Cancelled: nothing of it is kept" : "Removed" } : { kind: "error", message: r.message });
    onChanged();
  }
  if (jobs === null) return null;
  if (!jobs.length) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return <ul className="grid gap-2">{jobs.map((j) => <JobRow key={j.id} job={j} onDelete={() => void onDelete(j)} />)}</ul>;
}
