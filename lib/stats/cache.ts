// A result asked for over and over (a badge on a busy page) is reused for a short while.
const entries = new Map<string, { at: number; value: Promise<unknown> }>();
const MAX_ENTRIES = 500;

export function cached<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
  const hit = entries.get(key);
  if (hit && Date.now() - hit.at < ttlMs) return hit.value as Promise<T>;
  const value = compute();
  entries.set(key, { at: Date.now(), value });
  // A failed computation must not be served from the cache.
  value.catch(() => entries.delete(key));
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}
