import type { AnyBulkWriteOperation } from "mongoose";
import type { Octokit } from "@octokit/rest";
import { bulkWriteInChunks } from "@/lib/bulk-write";
import { decryptSecret } from "@/lib/crypto";
import { JobError, type JobOutcome } from "@/lib/jobs/run-job";
import { Commit, commitKey } from "@/models/Commit";
import { Integration, type IntegrationDoc } from "@/models/Integration";
import { callWithBackoff, type BackoffOptions } from "../backoff";
import { classifyGithubError, githubClient, isNotModified } from "./client";

/**
 * Per repository: the default branch and the ETags of the last answers. A
 * conditional request answered 304 costs no rate limit, so an idle repository
 * is nearly free to poll. `headSha` is the newest commit stored: paging stops
 * there, which is what makes a sync incremental.
 */
export type RepoCursor = { repo: string; defaultBranch?: string; repoEtag?: string; commitsEtag?: string; headSha?: string };
export type GithubCursor = { repos?: RepoCursor[] };

const BACKFILL_MS = 90 * 86_400_000; // the first sync reaches back this far
const MAX_PAGES = 10;
const PER_PAGE = 100;

type CommitItem = Awaited<ReturnType<Octokit["rest"]["repos"]["listCommits"]>>["data"][number];

function toOp(websiteId: unknown, repo: string, branch: string, c: CommitItem): AnyBulkWriteOperation {
  return {
    updateOne: {
      filter: { _id: commitKey(websiteId, repo, c.sha) },
      update: {
        $setOnInsert: {
          websiteId,
          repo,
          branch,
          sha: c.sha,
          message: (c.commit.message ?? "").slice(0, 2000),
          author: c.author?.login ?? c.commit.author?.name ?? undefined,
          url: c.html_url,
          committedAt: new Date(c.commit.committer?.date ?? c.commit.author?.date ?? Date.now()),
        },
      },
      upsert: true,
    },
  };
}

async function syncRepo(octokit: Octokit, websiteId: unknown, state: RepoCursor, opts: BackoffOptions): Promise<number> {
  const [owner, repo] = state.repo.split("/");
  const classify = (err: unknown) => classifyGithubError(err, state.repo);
  const conditional = (etag?: string) => (etag ? { "if-none-match": etag } : {});

  // A 304 is Octokit's RequestError, but for us the cheapest possible answer: nothing changed.
  const ifChanged = <T>(call: () => Promise<T>) => callWithBackoff("GitHub", () => call().catch((err) => (isNotModified(err) ? null : Promise.reject(err))), classify, opts);

  const repoRes = await ifChanged(() => octokit.rest.repos.get({ owner, repo, headers: conditional(state.repoEtag) }));
  if (repoRes) {
    if (state.defaultBranch && state.defaultBranch !== repoRes.data.default_branch) delete state.commitsEtag;
    state.defaultBranch = repoRes.data.default_branch;
    state.repoEtag = repoRes.headers.etag;
  }
  const branch = state.defaultBranch ?? "main";
  const since = state.headSha ? undefined : new Date(Date.now() - BACKFILL_MS).toISOString();
  let added = 0;
  let newHead: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await ifChanged(() =>
      octokit.rest.repos.listCommits({ owner, repo, sha: branch, per_page: PER_PAGE, page, ...(since ? { since } : {}), headers: page === 1 ? conditional(state.commitsEtag) : {} }),
    );
    if (!res) break; // 304: nothing new since the last sync
    if (page === 1) {
      state.commitsEtag = res.headers.etag;
      newHead = res.data[0]?.sha;
    }
    const stop = res.data.findIndex((c) => c.sha === state.headSha);
    const fresh = stop === -1 ? res.data : res.data.slice(0, stop);
    if (fresh.length) {
      await bulkWriteInChunks(Commit, fresh.map((c) => toOp(websiteId, state.repo, branch, c)), { ordered: false });
      added += fresh.length;
    }
    if (stop !== -1 || !String(res.headers.link ?? "").includes('rel="next"')) break;
  }
  if (newHead) state.headSha = newHead;
  return added;
}

export async function syncCommits(integration: IntegrationDoc, website: { _id: unknown }, opts: BackoffOptions = {}): Promise<JobOutcome> {
  const repos = integration.repos ?? [];
  if (!integration.tokenEnc || !repos.length) throw new JobError("Add at least one repository and a token first.", { code: "not_configured" });
  const octokit = githubClient(decryptSecret(integration.tokenEnc));
  const previous = new Map(((integration.cursor as GithubCursor | undefined)?.repos ?? []).map((r) => [r.repo, r]));
  const states: RepoCursor[] = repos.map((repo) => ({ ...previous.get(repo), repo }));
  const save = () => Integration.updateOne({ _id: integration._id }, { $set: { cursor: { repos: states } } });

  let added = 0;
  const failures: string[] = [];
  for (const state of states) {
    try {
      added += await syncRepo(octokit, website._id, state, opts);
    } catch (err) {
      const code = (err as JobError).options?.code;
      // A bad token or the rate limit affects every repository: stop here.
      if (code === "unauthorized" || code === "rate_limited") {
        await save();
        throw err;
      }
      failures.push((err as Error).message);
    }
  }
  await save();
  if (failures.length) throw new JobError(`${added} new commits; ${failures.join(" ")}`);
  return { summary: `${added} new commit${added === 1 ? "" : "s"} from ${repos.length} repositor${repos.length === 1 ? "y" : "ies"}` };
}
