import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { google } from "googleapis";
import { ApiError } from "@/lib/http/errors";
import { saveSearchConsoleToken } from "../settings";
import { ANALYTICS_SCOPE, googleOAuth, SEARCH_CONSOLE_SCOPE } from "./client";

export const callbackPath = "/api/integrations/google/callback";
const STATE_TTL_MS = 15 * 60_000;

function sign(payload: string): string {
  const secret = process.env.TRAILMARK_SECRET || process.env.NEXTAUTH_SECRET || "";
  const key = Buffer.from(hkdfSync("sha256", secret, "trailmark", "google-oauth-state", 32));
  return createHmac("sha256", key).update(payload).digest("base64url");
}

/**
 * The consent URL. `state` binds the answer to this website and this user
 * (signed, short-lived), so a callback cannot be replayed onto another site.
 */
export function consentUrl(websiteId: string, userId: string, origin: string): string {
  const payload = `${websiteId}.${userId}.${Date.now() + STATE_TTL_MS}`;
  return googleOAuth(origin + callbackPath).generateAuthUrl({
    access_type: "offline",
    prompt: "consent", // Google sends a refresh token only on a fresh consent
    scope: [SEARCH_CONSOLE_SCOPE, ANALYTICS_SCOPE],
    state: `${payload}.${sign(payload)}`,
    include_granted_scopes: true,
  });
}

export function readState(state: string, userId: string): string {
  const [websiteId, stateUser, exp, mac] = state.split(".");
  const payload = `${websiteId}.${stateUser}.${exp}`;
  const ok = mac && Buffer.from(mac).length === Buffer.from(sign(payload)).length && timingSafeEqual(Buffer.from(mac), Buffer.from(sign(payload)));
  if (!ok || stateUser !== userId || Number(exp) < Date.now()) throw new ApiError(400, "invalid_state", "The Google sign-in link expired or belongs to another session; start again from settings.");
  return websiteId;
}

/** Exchanges the code, keeps the refresh token (encrypted) and picks the property matching the site's domain. */
export async function completeConnection(website: { _id: unknown; domain: string }, code: string, origin: string): Promise<void> {
  const oauth = googleOAuth(origin + callbackPath);
  let tokens;
  try {
    ({ tokens } = await oauth.getToken(code));
  } catch {
    throw new ApiError(400, "oauth_failed", "Google did not accept the authorisation; try connecting again.");
  }
  if (!tokens.refresh_token) throw new ApiError(400, "oauth_failed", "Google sent no refresh token; remove Trailmark's access in your Google account and connect again.");
  oauth.setCredentials(tokens);
  let siteUrl: string | undefined;
  try {
    const api = google.searchconsole({ version: "v1", auth: oauth, retry: false, ...(process.env.TRAILMARK_GOOGLE_API_ROOT ? { rootUrl: process.env.TRAILMARK_GOOGLE_API_ROOT } : {}) });
    const sites = (await api.sites.list()).data.siteEntry?.map((s) => s.siteUrl ?? "") ?? [];
    const d = website.domain;
    siteUrl = [`sc-domain:${d}`, `https://${d}/`, `https://www.${d}/`, `http://${d}/`].find((u) => sites.includes(u));
  } catch {
    // The property can still be typed in settings.
  }
  await saveSearchConsoleToken(website._id, tokens.refresh_token, siteUrl);
}
