import { Types } from "mongoose";
import { encryptSecret } from "@/lib/crypto";
import { connectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { paymentProviderIds, type CreateWebsiteInput, type UpdateWebsiteInput } from "@/lib/schemas/website";
import { deleteWebsiteRows } from "@/lib/engine/delete-website";
import { websiteScopedModels } from "@/models";
import { Website, type WebsiteDoc } from "@/models/Website";
import { forgetWebsite } from "@/lib/ingest/website-cache";
import { normalizeDomain } from "./domain";
import type { WebsiteDTO } from "./types";

const isObjectId = (id: string) => /^[a-f0-9]{24}$/.test(id);

export function serializeWebsite(w: WebsiteDoc): WebsiteDTO {
  const s = w.settings ?? {};
  const providers = (w.paymentProviders ?? {}) as Record<string, { webhookSecretEnc?: string | null; lastReceivedAt?: Date | null } | undefined>;
  return {
    id: String(w._id),
    domain: w.domain,
    name: w.name,
    timezone: w.timezone ?? "UTC",
    currency: w.currency ?? "USD",
    createdAt: (w as { createdAt?: Date }).createdAt?.toISOString() ?? new Date(0).toISOString(),
    firstEventAt: w.firstEventAt?.toISOString() ?? null,
    settings: {
      excludeIps: s.excludeIps ?? [],
      excludeCountries: s.excludeCountries ?? [],
      excludeHostnames: s.excludeHostnames ?? [],
      excludePaths: s.excludePaths ?? [],
      allowedHostnames: s.allowedHostnames ?? [],
      hashPaths: !!s.hashPaths,
      trackScroll: !!s.trackScroll,
      cookieless: !!s.cookieless,
      respectDnt: !!s.respectDnt,
      publicBadge: !!s.publicBadge,
    },
    paymentProviders: Object.fromEntries(
      paymentProviderIds.map((p) => [
        p,
        { configured: !!providers[p]?.webhookSecretEnc, lastReceivedAt: providers[p]?.lastReceivedAt?.toISOString() ?? null },
      ]),
    ) as WebsiteDTO["paymentProviders"],
  };
}

/** The website if `userId` owns it; null for someone else's, a deleted one, or a malformed id. */
export async function findOwnedWebsiteDoc(userId: string, websiteId: string): Promise<WebsiteDoc | null> {
  if (!isObjectId(websiteId) || !isObjectId(userId)) return null;
  await connectDb();
  return Website.findOne({ _id: websiteId, userId }).lean<WebsiteDoc>();
}

export async function findOwnedWebsite(userId: string, websiteId: string): Promise<WebsiteDTO | null> {
  const doc = await findOwnedWebsiteDoc(userId, websiteId);
  return doc ? serializeWebsite(doc) : null;
}

export async function listWebsites(userId: string): Promise<WebsiteDTO[]> {
  await connectDb();
  const docs = await Website.find({ userId }).sort({ createdAt: 1 }).lean<WebsiteDoc[]>();
  return docs.map(serializeWebsite);
}

export async function createWebsite(userId: string, input: CreateWebsiteInput): Promise<WebsiteDTO> {
  const domain = normalizeDomain(input.domain);
  await connectDb();
  const taken = () => new ApiError(409, "domain_taken", `You already track ${domain}`);
  await Website.init(); // the unique index must exist before the first insert relies on it
  try {
    const doc = await Website.create({
      userId: new Types.ObjectId(userId),
      domain,
      name: input.name ?? domain,
      timezone: input.timezone ?? "UTC",
      currency: input.currency ?? "USD",
    });
    return serializeWebsite(doc.toObject() as WebsiteDoc);
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw taken();
    throw err;
  }
}

function updateDocument(input: UpdateWebsiteInput): { $set: Record<string, unknown>; $unset: Record<string, 1> } {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  if (input.name !== undefined) $set.name = input.name;
  if (input.timezone !== undefined) $set.timezone = input.timezone;
  if (input.currency !== undefined) $set.currency = input.currency;
  for (const [key, value] of Object.entries(input.settings ?? {})) $set[`settings.${key}`] = value;
  for (const [provider, change] of Object.entries(input.paymentProviders ?? {})) {
    if (!change) continue;
    // null clears the secret; the provider then reads as not configured.
    if (change.webhookSecret === null) $unset[`paymentProviders.${provider}.webhookSecretEnc`] = 1;
    else $set[`paymentProviders.${provider}.webhookSecretEnc`] = encryptSecret(change.webhookSecret);
  }
  return { $set, $unset };
}

export async function updateWebsite(website: WebsiteDoc, input: UpdateWebsiteInput): Promise<WebsiteDTO> {
  const { $set, $unset } = updateDocument(input);
  const update: Record<string, unknown> = {};
  if (Object.keys($set).length) update.$set = $set;
  if (Object.keys($unset).length) update.$unset = $unset;
  await connectDb();
  const doc = Object.keys(update).length
    ? await Website.findOneAndUpdate({ _id: website._id, userId: website.userId }, update, { new: true }).lean<WebsiteDoc>()
    : website;
  if (!doc) throw new ApiError(404, "not_found", "Website not found");
  // Ingest caches settings; this process applies the change at once, others within 30 s.
  forgetWebsite(String(website._id));
  return serializeWebsite(doc);
}

/** Deletes the website and everything recorded for it. Data goes first, so a crash mid-way leaves a website to delete again rather than orphans. */
export async function deleteWebsite(website: WebsiteDoc): Promise<void> {
  await connectDb();
  // First, so events stop being accepted (in this process) before data goes.
  forgetWebsite(String(website._id));
  await Website.updateOne({ _id: website._id }, { $set: { deletedAt: new Date() } });
  for (const model of websiteScopedModels) {
    await (model as unknown as typeof Website).deleteMany({ websiteId: website._id });
  }
  await deleteWebsiteRows(String(website._id));
  await Website.deleteOne({ _id: website._id, userId: website.userId });
}
