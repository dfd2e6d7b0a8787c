/**
 * Values kept by key up to a total weight (visits held), the least recently
 * used dropped first. For things that never change once built: decoded block
 * parts, a day's columns.
 */
export class WeightedLru<V> {
  private readonly items = new Map<string, V>();
  private held = 0;

  constructor(private readonly max: number, private readonly weigh: (v: V) => number) {}

  get(key: string): V | undefined {
    const hit = this.items.get(key);
    if (hit !== undefined) {
      this.items.delete(key);
      this.items.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: V): void {
    if (this.items.has(key)) return;
    this.items.set(key, value);
    this.held += this.weigh(value);
    for (const [oldest, v] of this.items) {
      if (this.held <= this.max || oldest === key) break;
      this.items.delete(oldest);
      this.held -= this.weigh(v);
    }
  }
}
