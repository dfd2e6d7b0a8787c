import { BlockIndex } from "@/models/BlockIndex";

export type PartsIndex = { parts?: Record<string, unknown> };

// The dashboard's calls arrive together and each reads the same month
// indexes; the store decodes such a document field by field (a month of days
// and parts costs milliseconds), so calls that ask while a read is under way
// share it. Nothing is kept after it returns: the next call reads again, so
// an answer is at most one store round trip older than the call.
const reading = new Map<string, Promise<PartsIndex | null>>();

/** A month index's parts, read once for every caller waiting at the same moment. */
export function readPartsIndex(id: string): Promise<PartsIndex | null> {
  let read = reading.get(id);
  if (!read) {
    read = BlockIndex.collection.findOne({ _id: id as never }, { projection: { parts: 1 } }).then((doc) => doc as PartsIndex | null).finally(() => reading.delete(id));
    reading.set(id, read);
  }
  return read;
}
