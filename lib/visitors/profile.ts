import type { Profile } from "@/lib/schemas/api-v1-responses";
import type { IdentityDoc } from "@/models/Identity";
import { orNull, propsObject } from "./context";

/** What the API shows of an Identity: never the email hash itself. */
export function toProfile(doc: (IdentityDoc & { updatedAt?: Date }) | null): Profile {
  return {
    userId: orNull(doc?.userId),
    name: orNull(doc?.name),
    hasEmail: !!doc?.emailHash,
    traits: propsObject(doc?.traits),
    identifiedAt: doc?.updatedAt ? doc.updatedAt.toISOString() : null,
  };
}
