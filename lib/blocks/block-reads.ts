import { BlockIndex } from "@/models/BlockIndex";
import { BlockPart } from "@/models/BlockPart";
import { shareInFlight } from "./in-flight";

/** A part's packed bytes (visits or payments), or null when it was folded away. */
export async function readPartData(id: string): Promise<Uint8Array | null> {
  const doc = await BlockPart.collection.findOne({ _id: id as never }, { projection: { data: 1 } });
  if (!doc) return null;
  // The driver hands binary back as a BSON Binary wrapping the bytes.
  return doc.data instanceof Uint8Array ? doc.data : (doc.data as { buffer: Uint8Array }).buffer;
}

export type PartsIndex = { parts?: Record<string, unknown> };

// The dashboard's calls arrive together and each reads the same month
// indexes; the store decodes such a document field by field (a month of days
// and parts costs milliseconds), so calls that ask while a read is under way
// share it. Nothing is kept after it returns: the next call reads again, so
// an answer is at most one store round trip older than the call.
const reading = new Map<string, Promise<PartsIndex | null>>();

/** A month index's parts, read once for every caller waiting at the same moment. */
export const readPartsIndex = (id: string): Promise<PartsIndex | null> =>
  shareInFlight(reading, id, async () => (await BlockIndex.collection.findOne({ _id: id as never }, { projection: { parts: 1 } })) as PartsIndex | null);
