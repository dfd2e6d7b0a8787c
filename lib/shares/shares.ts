import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { Types } from "mongoose";
import { hashPassword } from "@/lib/auth/password";
import { newToken, verifiedTokenHash } from "@/lib/auth/tokens";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { connectDb } from "@/lib/db";
import { ApiError, notFound } from "@/lib/http/errors";
import { appOrigin } from "@/lib/mail/transport";
import { audit, type Actor } from "@/lib/teams/audit";
import { Share, type ShareDoc } from "@/models/Share";
import { Website, type WebsiteDoc } from "@/models/Website";

export type ShareDTO = { id: string; url: string; label: string | null; hasPassword: boolean; expiresAt: string | null; expired: boolean; createdAt: string };

export const sharePath = (token: string) => `/share/${token}`;

function serialize(s: ShareDoc, now = Date.now()): ShareDTO {
  return {
    id: String(s._id),
    url: appOrigin() + sharePath(decryptSecret(s.tokenEnc)),
    label: s.label ?? null,
    hasPassword: !!s.passwordHash,
    expiresAt: s.expiresAt?.toISOString() ?? null,
    expired: !!s.expiresAt && s.expiresAt.getTime() <= now,
    createdAt: (s as { createdAt?: Date }).createdAt?.toISOString() ?? "",
  };
}

export async function listShares(websiteId: unknown): Promise<ShareDTO[]> {
  await connectDb();
  const docs = await Share.find({ websiteId: new Types.ObjectId(String(websiteId)) }).sort({ createdAt: 1 }).lean<ShareDoc[]>();
  return docs.map((d) => serialize(d));
}

/** A public read-only link to the site's dashboard: a random signed token, an optional password, an optional expiry. */
export async function createShare(website: WebsiteDoc, actor: Actor, input: { label?: string; password?: string; expiresAt?: string }): Promise<ShareDTO> {
  if (input.expiresAt && Date.parse(input.expiresAt) <= Date.now()) throw new ApiError(400, "invalid_input", "expiresAt: must be in the future");
  await connectDb();
  const { token, hash } = newToken("share");
  const doc = await Share.create({
    websiteId: website._id,
    tokenHash: hash,
    tokenEnc: encryptSecret(token),
    label: input.label,
    passwordHash: input.password ? await hashPassword(input.password) : undefined,
    expiresAt: input.expiresAt ? new Date(input.expiresAt) : undefined,
    createdBy: new Types.ObjectId(actor.id),
  });
  await audit(website.teamId ?? website.userId, actor, "share.created", { target: website.domain, websiteId: website._id, detail: [input.password ? "password" : "no password", input.expiresAt ? `expires ${input.expiresAt}` : "no expiry"].join(", ") });
  return serialize(doc.toObject() as ShareDoc);
}

/** Revoking deletes the link: from then on its token is as unknown as one never issued. */
export async function revokeShare(website: WebsiteDoc, actor: Actor, shareId: string): Promise<void> {
  if (!/^[a-f0-9]{24}$/.test(shareId)) throw notFound("Share link not found");
  await connectDb();
  const doc = await Share.findOneAndDelete({ _id: shareId, websiteId: website._id }).lean<ShareDoc>();
  if (!doc) throw notFound("Share link not found");
  await audit(website.teamId ?? website.userId, actor, "share.revoked", { target: website.domain, websiteId: website._id, detail: doc.label ?? undefined });
}

export type SharedSite = { share: ShareDoc; website: WebsiteDoc };

/** The link and its site, or null for a token that is forged, unknown, revoked or expired, or whose site is gone: all alike. */
export async function resolveShare(token: string, now = new Date()): Promise<SharedSite | null> {
  const hash = verifiedTokenHash("share", token);
  if (!hash) return null;
  await connectDb();
  const share = await Share.findOne({ tokenHash: hash }).lean<ShareDoc>();
  if (!share || (share.expiresAt && share.expiresAt <= now)) return null;
  const website = await Website.findById(share.websiteId).lean<WebsiteDoc>();
  if (!website || website.deletedAt) return null;
  return { share, website };
}

// The password cookie proves the password was given for this link: an HMAC of
// the link's id and its current password hash, so it dies with a new password.
function proof(share: ShareDoc): string {
  const secret = process.env.TRAILMARK_SECRET || process.env.NEXTAUTH_SECRET || "";
  const key = Buffer.from(hkdfSync("sha256", secret, "trailmark", "share-password", 32));
  return createHmac("sha256", key).update(`${String(share._id)}:${share.passwordHash ?? ""}`).digest("base64url");
}

export const shareCookieName = (share: ShareDoc) => `tm_share_${String(share._id)}`;
export const shareCookieValue = proof;

export function hasShareProof(share: ShareDoc, cookieValue: string | undefined): boolean {
  if (!share.passwordHash) return true;
  if (!cookieValue) return false;
  const expected = Buffer.from(proof(share));
  const given = Buffer.from(cookieValue);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The public link to the seeded demo site ("Live demo" on the landing page), or null when this deployment has no demo. */
export async function demoSharePath(): Promise<string | null> {
  await connectDb();
  const site = await Website.findOne({ demo: true, deletedAt: null }, { _id: 1 }).lean();
  if (!site) return null;
  const share = await Share.findOne({ websiteId: site._id, passwordHash: null, expiresAt: null }).sort({ createdAt: 1 }).lean<ShareDoc>();
  return share ? sharePath(decryptSecret(share.tokenEnc)) : null;
}
