import { Types } from "mongoose";
import { encryptSecret } from "@/lib/crypto";
import { connectDb } from "@/lib/db";
import type { UpdateIntegrationsInput } from "@/lib/schemas/integrations";
import { Integration, integrationKey, integrationKinds, type IntegrationDoc, type IntegrationKind } from "@/models/Integration";
import { JobState } from "@/models/JobState";
import type { WebsiteDoc } from "@/models/Website";
import { audit, type Actor } from "@/lib/teams/audit";
import { jobId } from "./jobs";
import { googleConfigured } from "./search-console/client";

export type JobStatusDTO = { running: boolean; lastRunAt: string | null; lastSuccessAt: string | null; lastError: string | null; lastErrorAt: string | null; lastResult: string | null; nextRunAt: string | null };
export type IntegrationsDTO = {
  x: { configured: boolean; query: string | null; job: JobStatusDTO };
  github: { configured: boolean; repos: string[]; job: JobStatusDTO };
  searchConsole: { available: boolean; connected: boolean; siteUrl: string | null; job: JobStatusDTO };
};

const iso = (d?: Date | null) => (d ? new Date(d).toISOString() : null);

/** What settings shows: configuration and job history, never a token (only whether one is set). */
export async function getIntegrations(website: Pick<WebsiteDoc, "_id">, now = new Date()): Promise<IntegrationsDTO> {
  await connectDb();
  const docs = await Integration.find({ _id: { $in: integrationKinds.map((k) => integrationKey(website._id, k)) } }).lean<IntegrationDoc[]>();
  const byKind = new Map(docs.map((d) => [d.kind, d]));
  const states = new Map((await JobState.find({ _id: { $in: integrationKinds.map((k) => jobId(k, website._id)) } }).lean()).map((s) => [s._id, s]));
  const job = (kind: IntegrationKind): JobStatusDTO => {
    const s = states.get(jobId(kind, website._id));
    return {
      running: !!s?.lockedUntil && s.lockedUntil > now,
      lastRunAt: iso(s?.lastRunAt),
      lastSuccessAt: iso(s?.lastSuccessAt),
      lastError: s?.lastError ?? null,
      lastErrorAt: iso(s?.lastErrorAt),
      lastResult: s?.lastResult ?? null,
      nextRunAt: iso(s?.nextRunAt),
    };
  };
  const x = byKind.get("x");
  const gh = byKind.get("github");
  const sc = byKind.get("searchConsole");
  return {
    x: { configured: !!(x?.tokenEnc && x.query), query: x?.query ?? null, job: job("x") },
    github: { configured: !!(gh?.tokenEnc && gh.repos?.length), repos: gh?.repos ?? [], job: job("github") },
    searchConsole: { available: googleConfigured(), connected: !!sc?.tokenEnc, siteUrl: sc?.siteUrl ?? null, job: job("searchConsole") },
  };
}

async function apply(websiteId: Types.ObjectId, kind: IntegrationKind, $set: Record<string, unknown>, $unset: Record<string, 1>) {
  const update: Record<string, unknown> = { $setOnInsert: { websiteId, kind } };
  if (Object.keys($set).length) update.$set = $set;
  if (Object.keys($unset).length) update.$unset = $unset;
  await Integration.updateOne({ _id: integrationKey(websiteId, kind) }, update, { upsert: true });
}

export async function updateIntegrations(website: Pick<WebsiteDoc, "_id" | "teamId" | "userId" | "domain">, input: UpdateIntegrationsInput, actor: Actor): Promise<IntegrationsDTO> {
  await connectDb();
  const wid = new Types.ObjectId(String(website._id));
  if (input.x) {
    const $set: Record<string, unknown> = {};
    const $unset: Record<string, 1> = {};
    if (input.x.query !== undefined && input.x.query !== (await currentQuery(wid))) {
      $set.query = input.x.query;
      $unset.cursor = 1; // a new search starts from scratch
    }
    if (input.x.bearerToken === null) $unset.tokenEnc = 1;
    else if (input.x.bearerToken) $set.tokenEnc = encryptSecret(input.x.bearerToken);
    await apply(wid, "x", $set, $unset);
    if (input.x.bearerToken) await audit(website.teamId ?? website.userId, actor, "integration.connected", { target: "X", websiteId: wid, detail: website.domain });
  }
  if (input.github) {
    const $set: Record<string, unknown> = {};
    const $unset: Record<string, 1> = {};
    if (input.github.repos) $set.repos = [...new Set(input.github.repos)];
    if (input.github.token === null) $unset.tokenEnc = 1;
    else if (input.github.token) $set.tokenEnc = encryptSecret(input.github.token);
    await apply(wid, "github", $set, $unset);
    if (input.github.token) await audit(website.teamId ?? website.userId, actor, "integration.connected", { target: "GitHub", websiteId: wid, detail: website.domain });
  }
  if (input.searchConsole) {
    const $set: Record<string, unknown> = {};
    const $unset: Record<string, 1> = {};
    if (input.searchConsole.siteUrl === null) $unset.siteUrl = 1;
    else if (input.searchConsole.siteUrl) $set.siteUrl = input.searchConsole.siteUrl;
    if (input.searchConsole.disconnect) Object.assign($unset, { tokenEnc: 1, cursor: 1 });
    await apply(wid, "searchConsole", $set, $unset);
  }
  return getIntegrations(website);
}

async function currentQuery(websiteId: Types.ObjectId) {
  return (await Integration.findOne({ _id: integrationKey(websiteId, "x") }, { query: 1 }).lean())?.query;
}

/** Stores the refresh token from Google's consent screen (lib/integrations/search-console/oauth.ts). */
export async function saveSearchConsoleToken(websiteId: unknown, refreshToken: string, siteUrl?: string) {
  await connectDb();
  const $set: Record<string, unknown> = { tokenEnc: encryptSecret(refreshToken) };
  if (siteUrl) $set.siteUrl = siteUrl;
  await apply(new Types.ObjectId(String(websiteId)), "searchConsole", $set, { cursor: 1 });
}
