import { randomBytes } from "node:crypto";
import { sha256Hex } from "@/lib/crypto";
import { connectDb } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { ApiKey, type ApiKeyDoc } from "@/models/ApiKey";
import { audit, type Actor } from "@/lib/teams/audit";
import type { WebsiteDoc } from "@/models/Website";

export type ApiKeyDTO = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };

const serialize = (k: ApiKeyDoc): ApiKeyDTO => ({
  id: String(k._id),
  name: k.name,
  prefix: k.prefix,
  createdAt: (k as { createdAt?: Date }).createdAt?.toISOString() ?? "",
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
});

/** Creates a key bound to one website. The key itself is returned here once and only its hash is kept. */
export async function createApiKey(website: WebsiteDoc, actor: Actor, name?: string): Promise<ApiKeyDTO & { key: string }> {
  const key = `tm_${randomBytes(24).toString("base64url")}`;
  await connectDb();
  const doc = await ApiKey.create({
    websiteId: website._id,
    userId: website.userId,
    name: name ?? "API key",
    keyHash: sha256Hex(key),
    prefix: key.slice(0, 10),
  });
  await audit(website.teamId ?? website.userId, actor, "key.created", { target: doc.name, websiteId: website._id, detail: `${doc.prefix}… on ${website.domain}` });
  return { ...serialize(doc.toObject() as ApiKeyDoc), key };
}

export async function listApiKeys(website: WebsiteDoc): Promise<ApiKeyDTO[]> {
  await connectDb();
  const docs = await ApiKey.find({ websiteId: website._id }).sort({ createdAt: 1 }).lean<ApiKeyDoc[]>();
  return docs.map(serialize);
}

export async function revokeApiKey(website: WebsiteDoc, actor: Actor, keyId: string): Promise<void> {
  if (!/^[a-f0-9]{24}$/.test(keyId)) throw notFound("API key not found");
  await connectDb();
  const doc = await ApiKey.findOneAndDelete({ _id: keyId, websiteId: website._id }).lean<ApiKeyDoc>();
  if (!doc) throw notFound("API key not found");
  await audit(website.teamId ?? website.userId, actor, "key.revoked", { target: doc.name, websiteId: website._id, detail: `${doc.prefix}… on ${website.domain}` });
}

/** The website a bearer key is bound to, or null for an unknown or revoked key. */
export async function resolveApiKey(key: string): Promise<{ websiteId: string; keyId: string } | null> {
  if (!key.startsWith("tm_")) return null;
  await connectDb();
  const doc = await ApiKey.findOneAndUpdate({ keyHash: sha256Hex(key) }, { $set: { lastUsedAt: new Date() } }).lean<ApiKeyDoc>();
  return doc ? { websiteId: String(doc.websiteId), keyId: String(doc._id) } : null;
}
