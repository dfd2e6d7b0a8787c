import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { assertRoomFor } from "@/lib/billing/limits";
import { ApiError } from "@/lib/http/errors";
import { Website, type WebsiteDoc } from "@/models/Website";
import { audit, type Actor } from "./audit";

/**
 * Moves a site, with all its data, keys and share links, to another team (the
 * caller administers both: checked by the route). Both teams' logs record it.
 */
export async function moveWebsite(website: WebsiteDoc, to: { _id: unknown; name: string }, actor: Actor): Promise<WebsiteDoc> {
  await connectDb();
  const from = website.teamId ?? website.userId;
  const teamId = new Types.ObjectId(String(to._id));
  if (await Website.exists({ teamId, domain: website.domain, _id: { $ne: website._id } })) {
    throw new ApiError(409, "domain_taken", `${to.name} already tracks ${website.domain}`);
  }
  await assertRoomFor(teamId, "sites");
  const moved = await Website.findOneAndUpdate({ _id: website._id }, { $set: { teamId } }, { returnDocument: "after" }).lean<WebsiteDoc>();
  if (!moved) throw new ApiError(404, "not_found", "Website not found");
  await audit(from, actor, "site.moved_out", { target: website.domain, websiteId: website._id, detail: `to ${to.name}` });
  await audit(teamId, actor, "site.moved_in", { target: website.domain, websiteId: website._id });
  return moved;
}
