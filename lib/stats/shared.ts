import { shareInFlight } from "@/lib/blocks/in-flight";
import { WeightedLru } from "@/lib/blocks/weighted-lru";

/**
 * Results keyed by exactly what they were computed from (a range, the parts
 * of its days, filters), so a kept one is as good as a new one: the
 * dashboard's simultaneous calls compute once, and later calls reuse it until
 * a part is written. In-flight work is shared; finished results are kept up
 * to a total weight, least recently used dropped first.
 */
export class Shared<V> {
  private readonly pending = new Map<string, Promise<V | null>>();
  private readonly kept: WeightedLru<V>;

  constructor(maxWeight: number, weigh: (v: V) => number) {
    this.kept = new WeightedLru(maxWeight, weigh);
  }

  async get(key: string, compute: () => Promise<V | null>): Promise<V | null> {
    const hit = this.kept.get(key);
    if (hit) return hit;
    const value = await shareInFlight(this.pending, key, compute);
    if (value) this.kept.set(key, value);
    return value;
  }
}
