const integer = new Intl.NumberFormat("en-US");
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export function formatNumber(n: number): string {
  return Math.abs(n) >= 100_000 ? compact.format(n) : integer.format(Math.round(n));
}

/** A 0..1 fraction as a whole percentage. */
export function formatPercent(fraction: number): string {
  return `${Math.round((Number.isFinite(fraction) ? fraction : 0) * 100)}%`;
}

/** Seconds as m:ss, or h:mm:ss past an hour. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

function currencyFormatter(currency: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency, ...options });
  } catch {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", ...options });
  }
}

/**
 * Money is stored in minor units; the currency's own exponent (2 for USD, 0 for
 * JPY) decides the divisor, so a yen amount is not shown a hundred times too small.
 */
export function formatMoney(minorUnits: number, currency: string): string {
  const fmt = currencyFormatter(currency);
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  return fmt.format(minorUnits / 10 ** digits);
}

/** "Mar 4" for a YYYY-MM-DD key, read as a calendar date so no time zone shifts it. */
export function formatDayKey(key: string, withYear = false): string {
  const [y, m, d] = key.split("-").map(Number);
  if (!y || !m || !d) return key;
  return new Intl.DateTimeFormat("en-US", {
    month: "short",
    day: "numeric",
    ...(withYear ? { year: "numeric" } : {}),
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return "Never";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** Money for a chart axis: "$1.2K", whole units, in the currency's own symbol. */
export function formatMoneyCompact(minorUnits: number, currency: string): string {
  const digits = currencyFormatter(currency).resolvedOptions().maximumFractionDigits ?? 2;
  return currencyFormatter(currency, { notation: "compact", maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(minorUnits / 10 ** digits);
}
