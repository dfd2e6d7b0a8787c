// Copy-paste proxy setups, filled in with this deployment's origin and the
// site's id. Pure functions: the README carries shortened versions of the same.

export type SnippetInput = { origin: string; websiteId: string; domain: string };

/** The header every setup below sends; one value serves every customer site of a deployment. */
export const PROXY_IP_HEADER = "x-forwarded-for";

const operatorLine = (comment: string) => `${comment} On the Trailmark server: TRUSTED_IP_HEADER=${PROXY_IP_HEADER}`;

/** The tag for a proxied site: the script and the endpoint both live on the site's own domain. */
export function proxiedTag({ websiteId, domain }: SnippetInput): string {
  return `<script defer src="/js/script.js" data-website-id="${websiteId}" data-domain="${domain}" data-api="/api/track"></script>`;
}

export function nextSnippet({ origin }: SnippetInput): string {
  return `// next.config.js (next.config.ts: the same rewrites() in your config object)
${operatorLine("//")}
module.exports = {
  async rewrites() {
    return [
      { source: "/js/script.js", destination: "${origin}/js/script.js" },
      { source: "/api/track", destination: "${origin}/api/track" },
    ];
  },
};`;
}

export function vercelSnippet({ origin }: SnippetInput): string {
  // JSON has no comments, so the operator's setting lives in the panel's note.
  return `{
  "rewrites": [
    { "source": "/js/script.js", "destination": "${origin}/js/script.js" },
    { "source": "/api/track", "destination": "${origin}/api/track" }
  ]
}`;
}

export function cloudflareSnippet({ origin, domain }: SnippetInput): string {
  return `// Cloudflare Worker, routed on ${domain}/js/script.js and ${domain}/api/track
${operatorLine("//")}
const TRAILMARK = "${origin}";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname !== "/js/script.js" && url.pathname !== "/api/track") return fetch(request);
    const upstream = new Request(TRAILMARK + url.pathname + url.search, request);
    upstream.headers.delete("cookie");
    // Cloudflare names the visitor in CF-Connecting-IP; replace whatever the visitor sent.
    upstream.headers.set("X-Forwarded-For", request.headers.get("CF-Connecting-IP") ?? "");
    return fetch(upstream);
  },
};`;
}

export function nginxSnippet({ origin, domain }: SnippetInput): string {
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
${block("/js/script.js")}

${block("/api/track")}`;
}

export function expressSnippet({ origin }: SnippetInput): string {
  return `// npm install http-proxy-middleware
${operatorLine("//")}
import { createProxyMiddleware } from "http-proxy-middleware";

// Before express.json() or any other body parser: the body is streamed through as is.
app.use(
  createProxyMiddleware({
    target: "${origin}",
    pathFilter: ["/js/script.js", "/api/track"],
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
