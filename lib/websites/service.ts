import { Types } from "mongoose";
import { encryptSecret } from "@/lib/crypto";
import { connectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { paymentProviderIds, type CreateWebsiteInput, type UpdateWebsiteInput } from "@/lib/schemas/website";
import { deleteWebsiteRows } from "@/lib/engine/delete-website";
import { websiteScopedModels } from "@/models";
import { Website, type WebsiteDoc } from "@/models/Website";
import { forgetWebsite } from "@/lib/ingest/website-cache";
import { drainIngest } from "@/lib/ingest/buffer";
import { realtime } from "@/lib/ingest/realtime";
import { forgetVisits } from "@/lib/ingest/sessionize";
import { receivedLog } from "@/lib/ingest/received-log";
import { AuditEvent } from "@/models/AuditEvent";
import { audit, type Actor } from "@/lib/teams/audit";
import { membershipsOf } from "@/lib/teams/membership";
import { moveWebsite } from "@/lib/teams/move-website";
import { assertRoomFor } from "@/lib/billing/limits";
import type { Role } from "@/lib/teams/roles";
import { normalizeDomain } from "./domain";
import type { WebsiteDTO } from "./types";

export function serializeWebsite(w: WebsiteDoc, role: Role): WebsiteDTO {
  const s = w.settings ?? {};
  const providers = (w.paymentProviders ?? {}) as Record<string, { webhookSecretEnc?: string | null; lastReceivedAt?: Date | null } | undefined>;
  return {
    id: String(w._id),
    teamId: String(w.teamId ?? w.userId),
    role,
    domain: w.domain,
    name: w.name,
    timezone: w.timezone ?? "UTC",
    currency: w.currency ?? "USD",
    createdAt: (w as { createdAt?: Date }).createdAt?.toISOString() ?? new Date(0).toISOString(),
    firstEventAt: w.firstEventAt?.toISOString() ?? null,
    ...(w.demo ? { demo: true } : {}),
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
      retentionDays: s.retentionDays ?? null,
    },
    paymentProviders: Object.fromEntries(
      paymentProviderIds.map((p) => [
        p,
        { configured: !!providers[p]?.webhookSecretEnc, lastReceivedAt: providers[p]?.lastReceivedAt?.toISOString() ?? null },
      ]),
    ) as WebsiteDTO["paymentProviders"],
  };
}

/** The websites of every team the user is in, each with the user's role there. */
export async function listWebsites(userId: string): Promise<WebsiteDTO[]> {
  const ms = await membershipsOf(userId);
  const roles = new Map(ms.map((m) => [String(m.teamId), m.role]));
  const docs = await Website.find({ teamId: { $in: ms.map((m) => m.teamId) } }).sort({ createdAt: 1 }).lean<WebsiteDoc[]>();
  return docs.map((d) => serializeWebsite(d, roles.get(String(d.teamId)) ?? "viewer"));
}

/** Creates a website in a team (the caller's role there is checked by the route). */
export async function createWebsite(actor: Actor, teamId: string, role: Role, input: CreateWebsiteInput): Promise<WebsiteDTO> {
  const domain = normalizeDomain(input.domain);
  await connectDb();
  const taken = () => new ApiError(409, "domain_taken", `You already track ${domain}`);
  await Website.init(); // the unique index must exist before the first insert relies on it
  // One site per domain per team. The store's unique index is per creator (it
  // predates teams); two members racing to add one domain is the gap left.
  if (await Website.exists({ teamId: new Types.ObjectId(teamId), domain })) throw new ApiError(409, "domain_taken", `This team already tracks ${domain}`);
  await assertRoomFor(teamId, "sites");
  try {
    const doc = await Website.create({
      userId: new Types.ObjectId(actor.id),
      teamId: new Types.ObjectId(teamId),
      domain,
      name: input.name ?? domain,
      timezone: input.timezone ?? "UTC",
      currency: input.currency ?? "USD",
    });
    await audit(teamId, actor, "site.created", { target: domain, websiteId: doc._id });
    return serializeWebsite(doc.toObject() as WebsiteDoc, role);
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

/**
 * Applies settings and secrets, and moves the site when `teamId` names
 * another team (`target`: the caller's access there, checked by the route).
 */
export async function updateWebsite(
  website: WebsiteDoc,
  role: Role,
  input: UpdateWebsiteInput,
  actor: Actor,
  target?: { team: { _id: unknown; name: string }; role: Role },
): Promise<WebsiteDTO> {
  const { $set, $unset } = updateDocument(input);
  const update: Record<string, unknown> = {};
  if (Object.keys($set).length) update.$set = $set;
  if (Object.keys($unset).length) update.$unset = $unset;
  await connectDb();
  const doc = Object.keys(update).length
    ? await Website.findOneAndUpdate({ _id: website._id, userId: website.userId }, update, { returnDocument: "after" }).lean<WebsiteDoc>()
    : website;
  if (!doc) throw new ApiError(404, "not_found", "Website not found");
  // Ingest caches settings; this process applies the change at once, others within 30 s.
  forgetWebsite(String(website._id));
  for (const [provider, change] of Object.entries(input.paymentProviders ?? {})) {
    if (change) await audit(doc.teamId ?? doc.userId, actor, "payment_secret.changed", { target: doc.domain, websiteId: doc._id, detail: `${provider}: ${change.webhookSecret === null ? "removed" : "set"}` });
  }
  if (target && String(target.team._id) !== String(doc.teamId)) return serializeWebsite(await moveWebsite(doc, target.team, actor), target.role);
  return serializeWebsite(doc, role);
}

/** Deletes the website and everything recorded for it. Data goes first, so a crash mid-way leaves a website to delete again rather than orphans. */
export async function deleteWebsite(website: WebsiteDoc): Promise<void> {
  await connectDb();
  // First, so events stop being accepted (in this process) before data goes.
  forgetWebsite(String(website._id));
  await Website.updateOne({ _id: website._id }, { $set: { deletedAt: new Date() } });
  // What this process accepted for the site is not written from here on; unreadable log lines naming it go.
  await drainIngest([String(website._id)]);
  for (const model of websiteScopedModels) {
    await (model as unknown as typeof Website).deleteMany({ websiteId: website._id });
  }
  // The team's audit log keeps its lines ("site deleted: example.com") but no longer points at the site.
  await AuditEvent.updateMany({ websiteId: website._id }, { $unset: { websiteId: 1 } });
  await deleteWebsiteRows(String(website._id));
  realtime.forget(String(website._id));
  receivedLog.forget(String(website._id));
  forgetVisits(String(website._id));
  await Website.deleteOne({ _id: website._id, userId: website.userId });
}
