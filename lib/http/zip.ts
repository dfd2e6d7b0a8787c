import { constants, crc32, deflateRawSync } from "node:zlib";

/** One file of a zip: its name and its content, produced a piece at a time. */
export type ZipEntry = { name: string; content: () => AsyncIterable<string> };

const LIMIT = 0xffffffff;
const encoder = new TextEncoder();

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

function header(size: number, fill: (v: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size);
  fill(new DataView(bytes.buffer));
  return bytes;
}

type Written = { name: Uint8Array; crc: number; compressed: number; size: number; offset: number };

// Bit 3: sizes and CRC follow the data (they are known only once it is written); bit 11: names are UTF-8.
const FLAGS = 0x0808;
const DEFLATE = 8;

/**
 * A zip archive written as it is read: each entry's pieces are compressed as
 * they arrive (each piece its own deflate blocks, flushed to a byte
 * boundary, so no piece is held after it is written) and the sizes follow
 * each entry. Only one piece is in memory at a time. Entries and the archive
 * stay under 4 GiB (no ZIP64): past that the stream fails with a clear error
 * rather than write a broken file.
 */
export async function* zipPieces(entries: readonly ZipEntry[], now = new Date()): AsyncGenerator<Uint8Array> {
  const { time, date } = dosTime(now);
  const written: Written[] = [];
  let offset = 0;
  const emit = (bytes: Uint8Array) => {
    offset += bytes.length;
    if (offset > LIMIT) throw new Error("the export is larger than 4 GiB: export a shorter date range");
    return bytes;
  };
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const w: Written = { name, crc: 0, compressed: 0, size: 0, offset };
    yield emit(header(30 + name.length, (v) => {
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, FLAGS, true);
      v.setUint16(8, DEFLATE, true);
      v.setUint16(10, time, true);
      v.setUint16(12, date, true);
      v.setUint16(26, name.length, true);
      new Uint8Array(v.buffer).set(name, 30);
    }));
    for await (const piece of entry.content()) {
      const raw = encoder.encode(piece);
      if (!raw.length) continue;
      w.crc = crc32(raw, w.crc);
      w.size += raw.length;
      const packed = deflateRawSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });
      w.compressed += packed.length;
      if (w.size > LIMIT) throw new Error(`${entry.name} is larger than 4 GiB: export a shorter date range`);
      yield emit(packed);
    }
    // The closing (final, empty) deflate block.
    const end = deflateRawSync(new Uint8Array(0));
    w.compressed += end.length;
    yield emit(end);
    yield emit(header(16, (v) => {
      v.setUint32(0, 0x08074b50, true);
      v.setUint32(4, w.crc, true);
      v.setUint32(8, w.compressed, true);
      v.setUint32(12, w.size, true);
    }));
    written.push(w);
  }
  const start = offset;
  for (const w of written) {
    yield emit(header(46 + w.name.length, (v) => {
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, 20, true);
      v.setUint16(8, FLAGS, true);
      v.setUint16(10, DEFLATE, true);
      v.setUint16(12, time, true);
      v.setUint16(14, date, true);
      v.setUint32(16, w.crc, true);
      v.setUint32(20, w.compressed, true);
      v.setUint32(24, w.size, true);
      v.setUint16(28, w.name.length, true);
      v.setUint32(42, w.offset, true);
      new Uint8Array(v.buffer).set(w.name, 46);
    }));
  }
  const size = offset - start;
  yield emit(header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, written.length, true);
    v.setUint16(10, written.length, true);
    v.setUint32(12, size, true);
    v.setUint32(16, start, true);
  }));
}

/** The pieces as a web stream for a Response: read on demand, so a slow client slows the reads; cancelling stops them. */
export function toStream(pieces: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
}
