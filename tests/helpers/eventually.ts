/**
 * How long a wait for a condition (a stored row, an element, a log line) may
 * take before the test fails. What takes a second on a quiet machine can take
 * many on two cores busy with other work; a wait returns as soon as its
 * condition holds, so a generous deadline costs nothing when things work.
 */
export const WAIT_MS = 60_000;

/** Polls `check` until it stops throwing (buffered writes land ~250 ms after the 202). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = WAIT_MS, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}
