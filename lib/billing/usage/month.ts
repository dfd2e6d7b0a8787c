/** Calendar months in UTC, the unit usage is counted and limited in. */
export type MonthSpan = { key: string; from: number; to: number };

/** The UTC month holding `at`: its "YYYY-MM" key and its bounds [from, to) in epoch ms. */
export function monthOf(at: number | Date): MonthSpan {
  const d = new Date(at);
  const from = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const to = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return { key: new Date(from).toISOString().slice(0, 7), from, to };
}

const DAY_MS = 86_400_000;

/**
 * Where this month's count is heading at its pace so far. The first day is
 * projected as if a whole day had passed, so an hour's burst after midnight
 * does not promise a month of it.
 */
export function projectMonth(events: number, month: MonthSpan, now: number): number {
  if (now >= month.to) return events;
  const elapsed = Math.max(now - month.from, DAY_MS);
  return Math.round((events * (month.to - month.from)) / elapsed);
}
