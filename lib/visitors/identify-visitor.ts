import { Types } from "mongoose";
import { hashEmail } from "@/lib/crypto";
import { connectDb } from "@/lib/db";
import type { IdentifyRequest } from "@/lib/schemas/api-v1";
import type { Profile } from "@/lib/schemas/api-v1-responses";
import { Identity, identityKey, type IdentityDoc } from "@/models/Identity";
import { toProfile } from "./profile";

/**
 * Links a visitor to the customer's own user (POST /api/v1/identify): the
 * link payments without metadata are matched by (userId, or the email's
 * hash, computed exactly as the tracker's identify computes it). The visitor
 * need not have been seen yet: a backend often identifies at sign-up, before
 * the browser's events are written. Metadata merges into the stored traits;
 * the read-merge-write is not atomic, so two identify calls for one visitor in
 * the same instant may keep only one call's new keys.
 */
export async function identifyVisitor(websiteId: string, input: IdentifyRequest): Promise<Profile> {
  await connectDb();
  const wid = new Types.ObjectId(websiteId);
  const _id = identityKey(wid, input.visitorId);
  const $set: Record<string, unknown> = { userId: input.userId };
  if (input.email) $set.emailHash = hashEmail(input.email);
  if (input.name) $set.name = input.name;
  if (input.metadata) {
    // By _id: FerretDB pushes only _id filters down to SQLite.
    const existing = await Identity.findById(_id, { traits: 1 }).lean<Pick<IdentityDoc, "traits">>();
    const traits = new Map((existing?.traits ?? []).map((t) => [t.k, t.v]));
    for (const [k, v] of Object.entries(input.metadata)) traits.set(k, String(v));
    $set.traits = [...traits].map(([k, v]) => ({ k, v }));
  }
  const upsert = () =>
    Identity.findOneAndUpdate({ _id }, { $set, $setOnInsert: { websiteId: wid, visitorId: input.visitorId } }, { upsert: true, returnDocument: "after", lean: true });
  let doc;
  try {
    doc = await upsert();
  } catch (err) {
    // Two first identify calls at once: one insert wins, the other retries as an update.
    if ((err as { code?: number }).code !== 11000) throw err;
    doc = await upsert();
  }
  return toProfile(doc as IdentityDoc & { updatedAt?: Date });
}
