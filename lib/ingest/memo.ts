/**
 * Remembers pure work by a string key for the last `max` distinct keys (the
 * oldest first out). On the hot path the same few user agents, referrers and
 * pages arrive again and again, and parsing them was most of an event's CPU.
 */
export function memo<V>(max: number): (key: string, compute: () => V) => V {
  const cache = new Map<string, V>();
  return (key, compute) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute();
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(key, value);
    }
    return value;
  };
}
