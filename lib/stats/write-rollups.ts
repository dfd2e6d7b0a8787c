import { bulkWriteInChunks } from "@/lib/bulk-write";
import { Rollup } from "@/models/Rollup";
import { hllFromDoc, packRegisters, type Registers } from "./hll";
import { rollupOps, type RollupEvent } from "./rollup-ops";

type Known = { v: number; registers: Registers };

// Rows this process wrote lately, with their version: a busy hour's rows are
// merged again every batch, and this saves reading them back each time.
const MAX_KNOWN = 20_000;
const holder = globalThis as unknown as { __trailmarkRollupRows?: Map<string, Known> };
const known: Map<string, Known> = (holder.__trailmarkRollupRows ??= new Map());

function remember(id: string, k: Known) {
  known.delete(id);
  known.set(id, k);
  if (known.size > MAX_KNOWN) known.delete(known.keys().next().value!);
}

/**
 * Folds a batch into the rollups: counters with $inc (order-free), then each
 * touched row's visitor registers merged here and written back whole. The
 * write returns the row as it was: if another process wrote it since we last
 * saw it (its version moved), its registers are merged in and written again,
 * so no writer's visitors are lost. Filters are by _id alone: FerretDB scans
 * the whole collection for any other filter, a version test included.
 */
export async function writeRollups(events: RollupEvent[]): Promise<void> {
  if (!events.length) return;
  const { ops, registers } = rollupOps(events);
  await bulkWriteInChunks(Rollup, ops, { ordered: false, parallel: 4 });
  const ids = [...registers.keys()];
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      await mergeRegisters(id, registers.get(id)!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, ids.length) }, lane));
}

async function mergeRegisters(id: string, add: Registers): Promise<void> {
  let k = known.get(id);
  if (!k) {
    const doc = await Rollup.findById(id, { hll: 1, v: 1 }).lean<Record<string, unknown>>();
    k = { v: Number(doc?.v ?? 0), registers: hllFromDoc(doc ?? {}) };
  }
  const merged: Registers = new Map(k.registers);
  let changed = false;
  for (const [i, r] of add) {
    if ((merged.get(i) ?? 0) < r) {
      merged.set(i, r);
      changed = true;
    }
  }
  if (!changed) return remember(id, k);
  let expected = k.v;
  for (let attempt = 0; attempt < 10; attempt++) {
    // The whole row comes back: FerretDB has no projection in findAndModify.
    const before = await Rollup.findOneAndUpdate({ _id: id }, { $set: { hll: packRegisters(merged) }, $inc: { v: 1 } }).lean<Record<string, unknown>>();
    const seen = Number(before?.v ?? 0);
    if (seen === expected) return remember(id, { v: seen + 1, registers: merged });
    // Someone wrote the row since we read it: keep their visitors too.
    let missing = false;
    for (const [i, r] of hllFromDoc(before ?? {})) {
      if ((merged.get(i) ?? 0) < r) {
        merged.set(i, r);
        missing = true;
      }
    }
    expected = seen + 1;
    if (!missing) return remember(id, { v: expected, registers: merged });
  }
  known.delete(id);
  throw new Error(`rollup ${id}: its registers kept changing under this write`);
}

/** Forgets remembered rows (tests; after a website's data is deleted the versions self-correct anyway). */
export function forgetRollupRows(): void {
  known.clear();
}
