import { createHash } from "node:crypto";

/**
 * A HyperLogLog sketch of unique visitors. Precision 14: 16,384 registers,
 * standard error 1.04 / sqrt(16384) ~ 0.8 %. Stored packed in one binary field
 * (packRegisters) and merged here, not with a `$max` per register: FerretDB
 * rewrites a document per updated field, so a `$max` over a few thousand
 * register fields took ~0.3 s per rollup row (lib/stats/write-rollups.ts).
 */
export const HLL_PRECISION = 14;
const M = 1 << HLL_PRECISION;
const ALPHA = 0.7213 / (1 + 1.079 / M);

export type Registers = Map<number, number>;

/**
 * The register a value lands in and its rank (leading zeros of the rest of a
 * 64-bit hash, plus one). On two 32-bit halves: BigInt arithmetic made this the
 * ingest path's hottest function.
 */
export function hllRegister(value: string): [index: number, rank: number] {
  const h = createHash("md5").update(value).digest();
  const hi = h.readUInt32BE(0);
  const lo = h.readUInt32BE(4);
  const index = hi >>> (32 - HLL_PRECISION);
  const restHi = (hi << HLL_PRECISION) >>> 0; // the 32 - p bits left of the high half, at the top
  const rank = restHi ? Math.clz32(restHi) + 1 : 32 - HLL_PRECISION + Math.clz32(lo) + 1;
  return [index, rank];
}

export function hllAdd(registers: Registers, value: string): void {
  hllSet(registers, hllRegister(value));
}

/** Adds a value whose register was computed once (one visitor counted in many rollup rows). */
export function hllSet(registers: Registers, [i, r]: [number, number]): void {
  if ((registers.get(i) ?? 0) < r) registers.set(i, r);
}

/**
 * Registers as bytes: sparse (3 bytes per set register: index << 6 | rank,
 * sorted) while that is smaller than dense (one byte per register). Most rollup
 * rows (an hour of one country, one page...) hold a handful of visitors.
 */
export function packRegisters(registers: Registers): Buffer {
  if (registers.size * 3 < M) {
    const out = Buffer.alloc(1 + registers.size * 3);
    out[0] = 1; // sparse
    [...registers].sort((a, b) => a[0] - b[0]).forEach(([i, r], k) => out.writeUIntBE((i << 6) | r, 1 + k * 3, 3));
    return out;
  }
  const out = Buffer.alloc(1 + M);
  out[0] = 2; // dense
  for (const [i, r] of registers) out[1 + i] = r;
  return out;
}

export function unpackRegisters(bytes: Uint8Array, into: Registers = new Map()): Registers {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const put = (i: number, r: number) => r && (into.get(i) ?? 0) < r && into.set(i, r);
  if (buf[0] === 1) for (let k = 1; k + 3 <= buf.length; k += 3) { const v = buf.readUIntBE(k, 3); put(v >> 6, v & 63); }
  else if (buf[0] === 2) for (let i = 0; i < M && i + 1 < buf.length; i++) put(i, buf[1 + i]);
  return into;
}

/** Registers of a stored rollup document (its packed `hll` field, a Buffer or the driver's Binary). */
export function hllFromDoc(doc: Record<string, unknown>, into: Registers = new Map()): Registers {
  const hll = doc.hll as { buffer?: Uint8Array } | Uint8Array | undefined;
  if (!hll) return into;
  return unpackRegisters(hll instanceof Uint8Array ? hll : (hll.buffer as Uint8Array), into);
}

export function hllMerge(into: Registers, other: Registers): Registers {
  for (const [i, r] of other) if ((into.get(i) ?? 0) < r) into.set(i, r);
  return into;
}

/** The estimate, with linear counting where most registers are still empty (small sets: exact-ish). */
export function hllCount(registers: Registers): number {
  let sum = M - registers.size; // empty registers contribute 2^-0
  for (const r of registers.values()) sum += 2 ** -r;
  const raw = (ALPHA * M * M) / sum;
  const zeros = M - registers.size;
  if (raw <= 2.5 * M && zeros > 0) return Math.round(M * Math.log(M / zeros));
  return Math.round(raw);
}
