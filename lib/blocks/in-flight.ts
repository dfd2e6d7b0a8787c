/** The work under way for `key`, or `start()`'s, shared by every caller until it settles. */
export function shareInFlight<V>(pending: Map<string, Promise<V>>, key: string, start: () => Promise<V>): Promise<V> {
  let work = pending.get(key);
  if (!work) {
    work = start().finally(() => pending.delete(key));
    pending.set(key, work);
  }
  return work;
}
