import { readdirSync, renameSync } from "node:fs";
import path from "node:path";

/** Gives this process's ingest log files to a pid that no longer runs, as after SIGKILL. */
export function orphanAs(dir: string, pid = 999_999): void {
  // The pid is a whole dash-separated field: a timestamp in the name may contain its digits.
  const ours = new RegExp(`-${process.pid}(?=[-.])`);
  for (const f of readdirSync(dir)) if (ours.test(f)) renameSync(path.join(dir, f), path.join(dir, f.replace(ours, `-${pid}`)));
}
