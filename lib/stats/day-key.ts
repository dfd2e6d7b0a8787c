// Building an Intl.DateTimeFormat costs far more than formatting with it, and a
// chart asks for one key per bucket: one formatter per zone, kept.
const formatters = new Map<string, (d: Date) => string>();

/** "YYYY-MM-DD" of an instant in a time zone: days start at the site's midnight, not UTC's. */
export function dayKeyFormatter(timeZone: string): (d: Date) => string {
  let key = formatters.get(timeZone);
  if (!key) {
    const fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    key = (d) => fmt.format(d);
    formatters.set(timeZone, key);
  }
  return key;
}

/** The last `days` day keys, oldest first, ending today in `timeZone`. */
export function lastDayKeys(days: number, timeZone: string, now = new Date()): string[] {
  const key = dayKeyFormatter(timeZone);
  const keys: string[] = [];
  for (let i = days - 1; i >= 0; i--) keys.push(key(new Date(now.getTime() - i * 86_400_000)));
  return [...new Set(keys)];
}
