import { createHash } from "node:crypto";
import { startFakeServer, type Reply } from "./server";

export type FakeCommit = { sha: string; message: string; login: string; date: string };

const etagOf = (body: unknown) => `W/"${createHash("sha1").update(JSON.stringify(body)).digest("hex")}"`;

/**
 * GitHub's REST API for what the sync uses: GET /repos/{o}/{r} and
 * /repos/{o}/{r}/commits (newest first, per_page/page with a Link header,
 * `since`), strong ETags honoured with 304, x-ratelimit-* headers, 401 Bad
 * credentials.
 */
export async function startFakeGithub(opts: { token: string }) {
  const repos = new Map<string, { defaultBranch: string; commits: FakeCommit[] }>();
  const rate = () => ({ "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4999", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600) });
  const withEtag = (req: { headers: Record<string, unknown> }, body: unknown, extra: Record<string, string> = {}): Reply => {
    const etag = etagOf(body);
    if (req.headers["if-none-match"] === etag) return { status: 304, headers: { etag, ...rate() } };
    return { status: 200, headers: { etag, ...rate(), ...extra }, body };
  };
  const server = await startFakeServer((req) => {
    if (req.headers.authorization !== `token ${opts.token}`) return { status: 401, headers: rate(), body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" } };
    const m = /^\/repos\/([^/]+\/[^/]+)(\/commits)?$/.exec(req.path);
    const repo = m && repos.get(m[1]);
    if (!m || !repo) return { status: 404, headers: rate(), body: { message: "Not Found", status: "404" } };
    if (!m[2]) return withEtag(req, { full_name: m[1], default_branch: repo.defaultBranch, private: false });
    if (req.query.get("sha") !== repo.defaultBranch) return { status: 404, headers: rate(), body: { message: "No commit found for SHA", status: "404" } };
    const since = req.query.get("since");
    const list = repo.commits.filter((c) => !since || c.date >= since).sort((a, b) => b.date.localeCompare(a.date));
    const per = Number(req.query.get("per_page") ?? 30);
    const page = Number(req.query.get("page") ?? 1);
    const body = list.slice((page - 1) * per, page * per).map((c) => ({
      sha: c.sha,
      html_url: `https://github.com/${m[1]}/commit/${c.sha}`,
      commit: { message: c.message, author: { name: c.login, date: c.date }, committer: { name: c.login, date: c.date } },
      author: { login: c.login },
    }));
    const link: Record<string, string> = page * per < list.length ? { link: `<http://127.0.0.1/repos/${m[1]}/commits?page=${page + 1}&per_page=${per}>; rel="next"` } : {};
    return withEtag(req, body, link);
  });
  return {
    ...server,
    addRepo: (name: string, defaultBranch = "main") => {
      const r = { defaultBranch, commits: [] as FakeCommit[] };
      repos.set(name, r);
      return r;
    },
  };
}
