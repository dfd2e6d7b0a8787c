import { readdirSync, readFileSync } from "node:fs";

/** Whether a process with this pid exists (and is not a zombie waiting to be reaped). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** The direct children of `pid` with their command lines (Linux /proc). */
export function childrenOf(pid: number): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== pid) continue;
      out.push({ pid: Number(entry), cmd: readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ") });
    } catch {
      // exited while we looked
    }
  }
  return out;
}

/** The one child of `pid` whose command line matches. */
export function childMatching(pid: number, re: RegExp): number {
  const found = childrenOf(pid).filter((c) => re.test(c.cmd));
  if (found.length !== 1) throw new Error(`expected one child of ${pid} matching ${re}, found ${JSON.stringify(found)}`);
  return found[0].pid;
}
