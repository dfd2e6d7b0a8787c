import { appendFileSync, closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";

/** An append that did not reach the log whole: its event must not be acknowledged. */
export class LogWriteError extends Error {}

const QUARANTINE = "quarantine.ndjson";
// An orphaned active segment is its process's newest: it sorts after that process's sealed ones.
const LAST_SEQ = 999_999_999;

/**
 * The append-only log behind the write buffer. An event is appended (one JSON
 * line, write(2) without fsync) before /api/track answers 202, so a process
 * killed with SIGKILL loses nothing it acknowledged: the kernel still holds the
 * page cache and the next start replays the log. (A power cut can lose what the
 * kernel had not written back; that bound is documented in the README.)
 *
 * Layout: <dir>/active-<pid>-<opened ms>.ndjson is being appended to; sealing
 * renames it to sealed-<opened ms, 15 digits>-<pid>-<seq>.ndjson, deleted once
 * its events are in the store. Names sort by time, so segments replay oldest
 * first whichever process wrote them. Lines that cannot be read back (torn by
 * a crash mid-write, corrupted) are moved to quarantine.ndjson, kept and counted.
 */
export class EventLog {
  private fd: number | null = null;
  private activePath = "";
  private openedAt = 0;
  /** Bytes of whole lines in the active segment: where a cut-short write is cut back to. */
  private size = 0;
  private seq = 0;
  private activeLines = 0;
  /** A failed write left bytes that could not be cut off: the segment must be sealed as it is. */
  private torn = false;
  private readonly quarantine: string;
  /** Lines set aside in the quarantine file, this process's and earlier ones'. */
  quarantined: number;
  /** Why the last append failed, until one succeeds. */
  lastError: string | null = null;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.quarantine = path.join(dir, QUARANTINE);
    this.quarantined = existsSync(this.quarantine) ? countLines(readFileSync(this.quarantine, "utf8")) : 0;
  }

  /** Appends one line whole, or throws LogWriteError and leaves the segment as it was. */
  append(line: string): void {
    const bytes = Buffer.from(line + "\n");
    let written = 0;
    try {
      if (this.fd === null) this.open();
      written = writeSync(this.fd!, bytes);
    } catch (err) {
      this.lastError = (err as Error).message;
      throw new LogWriteError(this.lastError);
    }
    if (written !== bytes.length) {
      // Cut short (a full disk, a file-size limit): cut it back off, so the next line does not land on a torn one.
      this.lastError = `short write: ${written} of ${bytes.length} bytes`;
      try {
        ftruncateSync(this.fd!, this.size);
      } catch {
        this.torn = true;
      }
      throw new LogWriteError(this.lastError);
    }
    this.size += written;
    this.activeLines++;
    this.lastError = null;
  }

  private open(): void {
    this.openedAt = Date.now();
    this.activePath = path.join(this.dir, `active-${process.pid}-${this.openedAt}.ndjson`);
    this.fd = openSync(this.activePath, "a");
    this.size = statSync(this.activePath).size;
  }

  hasUnsealed(): boolean {
    return this.activeLines > 0;
  }

  /** Events in the active segment. */
  get unsealed(): number {
    return this.activeLines;
  }

  /** Closes the active segment and returns its sealed name (null when it holds nothing). */
  seal(): string | null {
    if (this.fd === null || (this.activeLines === 0 && !this.torn)) return null;
    closeSync(this.fd);
    this.fd = null;
    this.activeLines = 0;
    this.torn = false;
    const sealed = path.join(this.dir, sealedName(this.openedAt, process.pid, this.seq++));
    renameSync(this.activePath, sealed);
    return sealed;
  }

  /** Segments left by processes that died before flushing, oldest first; their active files are sealed here. */
  orphans(): string[] {
    if (!existsSync(this.dir)) return [];
    const found: { file: string; at: number; seq: number }[] = [];
    for (const name of readdirSync(this.dir)) {
      const seg = parseName(name);
      if (!seg || isAlive(seg.pid)) continue;
      let file = path.join(this.dir, name);
      const at = seg.at ?? statSync(file).mtimeMs; // names of earlier versions carry no opening time
      if (seg.active) {
        const sealed = path.join(this.dir, sealedName(at, seg.pid, LAST_SEQ));
        renameSync(file, sealed);
        file = sealed;
      }
      found.push({ file, at, seq: seg.active ? LAST_SEQ : seg.seq });
    }
    return found.sort((a, b) => a.at - b.at || a.seq - b.seq).map((s) => s.file);
  }

  /**
   * A segment's entries in order. Lines `parse` rejects (or throws on) are
   * appended to the quarantine file and the segment is rewritten without them,
   * so reading it again (after a failed write) does not set them aside twice.
   */
  readSegment<T>(file: string, parse: (line: string) => T | null): T[] {
    const text = readFileSync(file, "utf8");
    const lines = text.split("\n");
    // A last line without its newline was torn mid-write.
    if (lines[lines.length - 1] === "") lines.pop();
    const good: T[] = [];
    const goodLines: string[] = [];
    const bad: { n: number; raw: string }[] = [];
    lines.forEach((raw, i) => {
      let entry: T | null = null;
      try {
        entry = raw ? parse(raw) : null;
      } catch {
        // not JSON
      }
      if (entry === null) {
        if (raw) bad.push({ n: i + 1, raw });
        return;
      }
      good.push(entry);
      goodLines.push(raw);
    });
    if (bad.length) {
      const at = new Date().toISOString();
      const segment = path.basename(file);
      appendFileSync(this.quarantine, bad.map((b) => JSON.stringify({ at, segment, line: b.n, raw: b.raw }) + "\n").join(""));
      this.quarantined += bad.length;
      console.error(`[ingest] ${bad.length} unreadable line(s) of ${segment} set aside in ${this.quarantine}`);
      const clean = `${file}.clean`;
      writeFileSync(clean, goodLines.map((l) => l + "\n").join(""));
      renameSync(clean, file);
    }
    return good;
  }

  /** Lines in a segment, without parsing them (for a count of what waits on disk). */
  static countEvents(file: string): number {
    return countLines(readFileSync(file, "utf8"));
  }

  static remove(file: string): void {
    if (existsSync(file)) unlinkSync(file);
  }
}

const sealedName = (at: number, pid: number, seq: number) => `sealed-${String(Math.floor(at)).padStart(15, "0")}-${pid}-${seq}.ndjson`;

/**
 * The pid, time and sequence a segment's name carries. Earlier versions named
 * segments active-<pid>, sealed-<pid>-<sealed ms>-<seq> and
 * sealed-<pid>-0-orphan; those are read too (time from the file when absent).
 */
function parseName(name: string): { active: boolean; pid: number; at: number | null; seq: number } | null {
  let m = /^active-(\d+)(?:-(\d+))?\.ndjson$/.exec(name);
  if (m) return { active: true, pid: Number(m[1]), at: m[2] ? Number(m[2]) : null, seq: LAST_SEQ };
  m = /^sealed-(\d+)-(\d+)-(\d+|orphan)\.ndjson$/.exec(name);
  if (!m) return null;
  if (m[1].length === 15) return { active: false, pid: Number(m[2]), at: Number(m[1]), seq: Number(m[3]) };
  const sealedAt = Number(m[2]);
  return { active: false, pid: Number(m[1]), at: sealedAt > 0 ? sealedAt : null, seq: m[3] === "orphan" ? LAST_SEQ : Number(m[3]) };
}

const countLines = (text: string) => text.split("\n").filter(Boolean).length;

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // our own leftovers from before a restart with a reused pid
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
