import { createHash } from "node:crypto";
import { Types } from "mongoose";

/**
 * An ObjectId derived from the parts that make a record unique. Payments and
 * their timeline markers are looked up, upserted and deduplicated by _id: it
 * is the only filter FerretDB pushes down (any other one scans the whole
 * collection), and a deterministic _id makes concurrent inserts of the same
 * thing collide on the store's own uniqueness instead of both succeeding.
 * The embedded "timestamp" of such an id is meaningless; use `timestamp`.
 */
export function derivedObjectId(...parts: string[]): Types.ObjectId {
  const digest = createHash("sha256").update(parts.join("\u0000")).digest();
  return new Types.ObjectId(digest.subarray(0, 12).toString("hex"));
}

export const paymentObjectId = (websiteId: string, provider: string, transactionId: string) =>
  derivedObjectId("payment", websiteId, provider, transactionId);

export const markerObjectId = (websiteId: string, provider: string, transactionId: string, marker: string) =>
  derivedObjectId("marker", websiteId, provider, transactionId, marker);

export const ledgerKey = (websiteId: string, provider: string, transactionId: string) => `${websiteId}:${provider}:${transactionId}`;

/** Refund ids become field names in the ledger: "." and a leading "$" are not allowed there. */
export const refundField = (refundId: string) => refundId.replace(/[.$]/g, "_");

export const isDuplicateKey = (err: unknown) =>
  (err as { code?: number } | null)?.code === 11000 || /E11000|duplicate key/i.test(String((err as Error | null)?.message));

/**
 * Runs an upsert again when it lost a race: two upserts of a missing _id both
 * try to insert and one fails with E11000 (MongoDB and FerretDB alike); the
 * retry finds the document and updates it instead.
 */
export async function upsertRetrying<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return upsert();
  }
}
