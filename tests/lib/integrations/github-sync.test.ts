// GitHub commits sync against a local server speaking GitHub's REST API, through Octokit's baseUrl.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto";
import { runIntegration } from "@/lib/integrations/jobs";
import { Commit } from "@/models/Commit";
import { Integration } from "@/models/Integration";
import { JobState } from "@/models/JobState";
import { makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";
import { startFakeGithub, type FakeCommit } from "../../helpers/fake/github";

process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
process.env.TRAILMARK_SYNC_RETRY_BASE_MS = "10";
process.env.TRAILMARK_SYNC_MAX_WAIT_MS = "5000";
useTestDatabase("ghsync");

const TOKEN = "ghp_testtoken123456";
let gh: Awaited<ReturnType<typeof startFakeGithub>>;
beforeAll(async () => {
  gh = await startFakeGithub({ token: TOKEN });
  process.env.TRAILMARK_GITHUB_API_URL = gh.url;
});
afterAll(() => gh?.close());

let n = 0;
const commit = (minutesAgo: number, message = `change ${n}`): FakeCommit => ({
  sha: (++n).toString(16).padStart(40, "0"),
  message,
  login: "octocat",
  date: new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d+Z$/, "Z"),
});

async function site(repos: string[], token = TOKEN) {
  const website = await makeWebsite();
  await Integration.create({ websiteId: website._id, kind: "github", repos, tokenEnc: encryptSecret(token) });
  return website;
}
const commitsRequests = (repo: string) => gh.seen.filter((r) => r.path === `/repos/${repo}/commits`);
const state = (websiteId: unknown) => JobState.findOne({ _id: `github:${String(websiteId)}` }).lean();

describe("GitHub commits sync", () => {
  it("first sync pages through the default branch and stores sha, message, author, url and time", async () => {
    const repo = gh.addRepo("acme/app", "trunk");
    for (let i = 130; i > 0; i--) repo.commits.push(commit(i * 10));
    const website = await site(["acme/app"]);
    const result = await runIntegration(website, "github");
    expect(result).toEqual({ status: "ok", summary: "130 new commits from 1 repository" });
    const reqs = commitsRequests("acme/app");
    expect(reqs.map((r) => [r.query.get("sha"), r.query.get("page"), r.query.get("per_page")])).toEqual([["trunk", "1", "100"], ["trunk", "2", "100"]]);
    expect(reqs[0].query.get("since")).not.toBeNull(); // the backfill is bounded
    const newest = repo.commits[repo.commits.length - 1];
    expect(await Commit.findOne({ _id: `${website._id}:acme/app:${newest.sha}` }).lean()).toMatchObject({
      repo: "acme/app",
      branch: "trunk",
      sha: newest.sha,
      message: newest.message,
      author: "octocat",
      url: `https://github.com/acme/app/commit/${newest.sha}`,
      committedAt: new Date(newest.date),
    });
    expect(await Commit.countDocuments({ websiteId: website._id })).toBe(130);
  });

  it("incremental sync sends If-None-Match, takes a 304 as nothing new, and then fetches only new commits", async () => {
    const repo = gh.addRepo("acme/site");
    for (let i = 5; i > 0; i--) repo.commits.push(commit(i * 60));
    const website = await site(["acme/site"]);
    await runIntegration(website, "github");
    const before = gh.seen.length;
    const idle = await runIntegration(website, "github");
    expect(idle).toEqual({ status: "ok", summary: "0 new commits from 1 repository" });
    const idleReqs = gh.seen.slice(before);
    expect(idleReqs.map((r) => [r.path, r.status, !!r.headers["if-none-match"]])).toEqual([
      ["/repos/acme/site", 304, true],
      ["/repos/acme/site/commits", 304, true],
    ]);

    repo.commits.push(commit(1, "fresh fix"), commit(0, "fresher fix"));
    const fresh = await runIntegration(website, "github");
    expect(fresh).toEqual({ status: "ok", summary: "2 new commits from 1 repository" });
    expect(await Commit.countDocuments({ websiteId: website._id })).toBe(7);
    expect((await Commit.find({ websiteId: website._id }).sort({ committedAt: -1 }).limit(1).lean())[0].message).toBe("fresher fix");
  });

  it("answers 304s with no writes: running again changes nothing and creates no duplicates", async () => {
    const repo = gh.addRepo("acme/idle");
    for (let i = 3; i > 0; i--) repo.commits.push(commit(i));
    const website = await site(["acme/idle"]);
    for (let i = 0; i < 3; i++) expect((await runIntegration(website, "github")).status).toBe("ok");
    const before = gh.seen.length;
    await runIntegration(website, "github");
    expect(gh.seen.slice(before).map((r) => r.status)).toEqual([304, 304]);
    expect(await Commit.countDocuments({ websiteId: website._id })).toBe(3);
  });

  it("syncs the other repositories when one is missing, and names the missing one in the error", async () => {
    gh.addRepo("acme/ok").commits.push(commit(5));
    const website = await site(["acme/gone", "acme/ok"]);
    const result = await runIntegration(website, "github");
    expect(result).toEqual({ status: "error", error: expect.stringContaining("acme/gone not found") });
    expect(await Commit.countDocuments({ websiteId: website._id, repo: "acme/ok" })).toBe(1);
    expect((await state(website._id))?.lastError).toContain("acme/gone");
  });

  it("stores a revoked token as the job's error without throwing", async () => {
    gh.addRepo("acme/locked").commits.push(commit(5));
    const website = await site(["acme/locked"], "ghp_revoked_token_0000");
    const result = await runIntegration(website, "github");
    expect(result).toEqual({ status: "error", error: expect.stringContaining("401") });
    expect((await state(website._id))?.lastError).toMatch(/revoked/);
    expect(await Commit.countDocuments({ websiteId: website._id })).toBe(0);
  });

  it("backs off on the rate limit (403, remaining 0): waits a short reset, resumes after a long one", async () => {
    const repo = gh.addRepo("acme/busy");
    repo.commits.push(commit(3), commit(2));
    const website = await site(["acme/busy"]);
    const limited = (resetIn: number) => ({ status: 403, headers: { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + resetIn) }, body: { message: "API rate limit exceeded" } });
    gh.failNext(limited(1));
    expect((await runIntegration(website, "github")).status).toBe("ok");
    expect(await Commit.countDocuments({ websiteId: website._id })).toBe(2);

    repo.commits.push(commit(1));
    const reset = Math.ceil(Date.now() / 1000) + 1800;
    gh.failNext({ ...limited(0), headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) } });
    const stopped = await runIntegration(website, "github");
    expect(stopped).toEqual({ status: "error", error: expect.stringContaining("rate limit") });
    expect((await state(website._id))?.nextRunAt?.getTime()).toBe(reset * 1000);
    const resumed = await runIntegration(website, "github");
    expect(resumed).toEqual({ status: "ok", summary: "1 new commit from 1 repository" });
    expect(await Commit.countDocuments({ websiteId: website._id })).toBe(3);
  });

  it("retries a 502 once and succeeds", async () => {
    gh.addRepo("acme/flaky").commits.push(commit(9));
    const website = await site(["acme/flaky"]);
    gh.failNext({ status: 502, body: { message: "Server Error" } });
    expect((await runIntegration(website, "github")).status).toBe("ok");
    expect(await Commit.countDocuments({ websiteId: website._id })).toBe(1);
  });
});
