import { availableParallelism } from "node:os";
import { ApiError } from "@/lib/http/errors";

/**
 * At most `limit` tasks at once, the rest waiting in order; past `maxWaiting`
 * waiters a new task is refused rather than queued without end.
 */
export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** The most tasks ever seen running together (for tests and figures). */
  peak = 0;

  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new ApiError(503, "busy", "The server is busy checking passwords; try again in a moment.", { "Retry-After": "2" });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    this.peak = Math.max(this.peak, this.running);
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays counted.
      if (next) next();
      else this.running--;
    }
  }
}

// Each scrypt runs ~50 ms on a libuv thread with 32 MiB. Unbounded, a burst of
// sign-ins would take every core (and the threadpool) from ingest; by default
// password hashing gets half the cores, at least one.
// TRAILMARK_HASH_CONCURRENCY overrides. On globalThis: route bundles share it.
const holder = globalThis as unknown as { __trailmarkHashSlots?: Slots };

export function hashSlots(): Slots {
  const configured = Number(process.env.TRAILMARK_HASH_CONCURRENCY);
  const limit = configured > 0 ? Math.floor(configured) : Math.max(1, Math.floor(availableParallelism() / 2));
  holder.__trailmarkHashSlots ??= new Slots(limit, 200);
  return holder.__trailmarkHashSlots;
}
