import { packRegisters } from "./hll";
import { rollupOps, type RollupEvent } from "./rollup-ops";

type Update = { $setOnInsert: Record<string, unknown>; $inc?: Record<string, number>; $addToSet?: { keys: { $each: string[] } } };

/**
 * The rollup documents of events written whole (demo seed, benchmark, tests),
 * for insertMany: the same rows rollupOps + writeRollups make, built in memory
 * because upserting and merging registers row by row costs FerretDB a round
 * trip or two each. Only for hours no other writer touches: every event of
 * each (website, hour) must be in one call. `first`: the website's first call,
 * which also writes its coverage marker (from the earliest hour given).
 */
export function freshRollupDocs(events: RollupEvent[], first: boolean): Record<string, unknown>[] {
  const { ops, registers } = rollupOps(events);
  const docs: Record<string, unknown>[] = ops.map((op) => {
    const { filter, update } = (op as { updateOne: { filter: { _id: string }; update: Update } }).updateOne;
    const regs = registers.get(filter._id);
    return {
      _id: filter._id,
      ...update.$setOnInsert,
      ...update.$inc,
      ...(update.$addToSet && { keys: update.$addToSet.keys.$each }),
      ...(regs && { hll: packRegisters(regs), v: 1 }),
    };
  });
  return first ? docs : docs.filter((d) => d.kind !== "meta");
}
