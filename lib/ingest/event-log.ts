import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * The append-only log behind the write buffer. An event is appended (one JSON
 * line, write(2) without fsync) before /api/track answers 202, so a process
 * killed with SIGKILL loses nothing it acknowledged: the kernel still holds the
 * page cache and the next start replays the log. (A power cut can lose what the
 * kernel had not written back; that bound is documented in the README.)
 *
 * Layout: <dir>/active-<pid>.ndjson is being appended to; sealing renames it to
 * sealed-<pid>-<seq>.ndjson, which is deleted once its events are in the store.
 */
export class EventLog {
  private fd: number | null = null;
  private seq = 0;
  private activeLines = 0;
  private readonly active: string;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.active = path.join(dir, `active-${process.pid}.ndjson`);
  }

  append(line: string): void {
    this.fd ??= openSync(this.active, "a");
    writeSync(this.fd, line + "\n");
    this.activeLines++;
  }

  hasUnsealed(): boolean {
    return this.activeLines > 0;
  }

  /** Events in the active segment. */
  get unsealed(): number {
    return this.activeLines;
  }

  /** Closes the active segment and returns its sealed name (null when empty). */
  seal(): string | null {
    if (this.fd === null || this.activeLines === 0) return null;
    closeSync(this.fd);
    this.fd = null;
    this.activeLines = 0;
    const sealed = path.join(this.dir, `sealed-${process.pid}-${Date.now()}-${this.seq++}.ndjson`);
    renameSync(this.active, sealed);
    return sealed;
  }

  /** Segments left by processes that died before flushing, oldest first; their active files are sealed here. */
  orphans(): string[] {
    if (!existsSync(this.dir)) return [];
    for (const f of readdirSync(this.dir)) {
      const m = /^active-(\d+)\.ndjson$/.exec(f);
      if (m && !isAlive(Number(m[1]))) renameSync(path.join(this.dir, f), path.join(this.dir, `sealed-${m[1]}-0-orphan.ndjson`));
    }
    return readdirSync(this.dir)
      .filter((f) => /^sealed-(\d+)-/.test(f) && !isAlive(Number(/^sealed-(\d+)-/.exec(f)![1])))
      .sort()
      .map((f) => path.join(this.dir, f));
  }

  static read(file: string): string[] {
    return readFileSync(file, "utf8").split("\n").filter(Boolean);
  }

  static remove(file: string): void {
    if (existsSync(file)) unlinkSync(file);
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // our own leftovers from before a restart with a reused pid
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
