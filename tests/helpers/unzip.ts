// A zip reader for the export tests, written from the format's description and
// sharing nothing with lib/http/zip.ts: the central directory is read from the
// end, each file inflated, its CRC-32 and sizes checked against the directory.
import { crc32, inflateRawSync } from "node:zlib";
import { expect } from "vitest";

export function unzip(archive: Uint8Array): Map<string, string> {
  const buf = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd, "end of central directory").toBeGreaterThan(0);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  expect(at + buf.readUInt32LE(eocd + 12), "central directory ends where the end record starts").toBe(eocd);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(at), "central directory entry").toBe(0x02014b50);
    const [method, crc, compressed, size] = [buf.readUInt16LE(at + 10), buf.readUInt32LE(at + 16), buf.readUInt32LE(at + 20), buf.readUInt32LE(at + 24)];
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLength);
    expect(buf.readUInt32LE(local), `${name}: local header`).toBe(0x04034b50);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + compressed);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    expect(data.length, `${name}: size`).toBe(size);
    expect(crc32(data) >>> 0, `${name}: CRC-32`).toBe(crc);
    files.set(name, data.toString("utf8"));
    at += 46 + nameLength + extra;
  }
  return files;
}
