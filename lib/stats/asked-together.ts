/**
 * Gathers what callers ask in the same moment (before the event loop's next
 * turn) into one group per key, made by the first ask of that key, then hands
 * each group to `send` once. A dashboard load asks all its parts at once, so
 * the asks that can share a statement meet here.
 */
export function askedTogether<K, G>(send: (gathered: G, key: K) => void): (key: K, group: () => G) => G {
  let waiting = new Map<K, G>();
  const sendAll = () => {
    const gathered = waiting;
    waiting = new Map();
    for (const [key, g] of gathered) send(g, key);
  };
  return (key, group) => {
    if (!waiting.size) setImmediate(sendAll);
    let g = waiting.get(key);
    if (!g) waiting.set(key, (g = group()));
    return g;
  };
}
