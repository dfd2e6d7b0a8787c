// Copy-paste proxy setups, filled in with this deployment's origin, the
// site's id and the tracker file its settings need. Pure functions: the README
// carries shortened versions of the same.
import { trackerFile, trackingSnippet, type TagOptions } from "@/components/tracking-snippet";

export type SnippetInput = { origin: string; websiteId: string; domain: string; settings?: TagOptions };

/** The script's path on the site: /js/script.js, or the variant with the site's extensions. */
const scriptPath = ({ settings }: SnippetInput) => `/js/${trackerFile(settings)}`;

/** The header every setup below sends; one value serves every customer site of a deployment. */
export const PROXY_IP_HEADER = "x-forwarded-for";

const operatorLine = (comment: string) => `${comment} On the Trailmark server: TRUSTED_IP_HEADER=${PROXY_IP_HEADER}`;

/** The tag for a proxied site: the script and the endpoint both live on the site's own domain. */
export function proxiedTag({ websiteId, domain, settings }: SnippetInput): string {
  return trackingSnippet("", websiteId, domain, settings, "/api/track");
}

export function nextSnippet(input: SnippetInput): string {
  const { origin } = input;
  const script = scriptPath(input);
  return `// next.config.js (next.config.ts: the same rewrites() in your config object;
// or withTrailmark(config, { host: "${origin}" }) from @trailmark/next)
${operatorLine("//")}
module.exports = {
  async rewrites() {
    return [
      { source: "${script}", destination: "${origin}${script}" },
      { source: "/api/track", destination: "${origin}/api/track" },
    ];
  },
};`;
}

export function vercelSnippet(input: SnippetInput): string {
  const { origin } = input;
  const script = scriptPath(input);
  // JSON has no comments, so the operator's setting lives in the panel's note.
  return `{
  "rewrites": [
    { "source": "${script}", "destination": "${origin}${script}" },
    { "source": "/api/track", "destination": "${origin}/api/track" }
  ]
}`;
}

export function cloudflareSnippet(input: SnippetInput): string {
  const { origin, domain } = input;
  const script = scriptPath(input);
  return `// Cloudflare Worker, routed on ${domain}${script} and ${domain}/api/track
${operatorLine("//")}
const TRAILMARK = "${origin}";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname !== "${script}" && url.pathname !== "/api/track") return fetch(request);
    const upstream = new Request(TRAILMARK + url.pathname + url.search, request);
    upstream.headers.delete("cookie");
    // Cloudflare names the visitor in CF-Connecting-IP; replace whatever the visitor sent.
    upstream.headers.set("X-Forwarded-For", request.headers.get("CF-Connecting-IP") ?? "");
    return fetch(upstream);
  },
};`;
}

export function nginxSnippet(input: SnippetInput): string {
  const { origin, domain } = input;
  const host = hostOf(origin);
  const block = (path: string) => `location = ${path} {
    proxy_pass ${origin}${path};
    proxy_set_header Host ${host};
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_ssl_server_name on;
}`;
  return `# Inside the server { } block that serves ${domain}
${operatorLine("#")}
# nginx faces visitors itself (no CDN or load balancer in front)? Use
# "X-Forwarded-For $remote_addr" instead, so nobody can pick their own address.
${block(scriptPath(input))}

${block("/api/track")}`;
}

export function expressSnippet(input: SnippetInput): string {
  const { origin } = input;
  return `// npm install http-proxy-middleware
${operatorLine("//")}
import { createProxyMiddleware } from "http-proxy-middleware";

// Before express.json() or any other body parser: the body is streamed through as is.
app.use(
  createProxyMiddleware({
    target: "${origin}",
    pathFilter: ["${scriptPath(input)}", "/api/track"],
    changeOrigin: true, // Host: the Trailmark host
    xfwd: true, // appends the visitor's address to X-Forwarded-For
  }),
);`;
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}
