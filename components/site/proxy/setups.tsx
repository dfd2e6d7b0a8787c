import { InlineCode } from "./inline-code";
import {
  cloudflareSnippet,
  expressSnippet,
  nextSnippet,
  nginxSnippet,
  PROXY_IP_HEADER,
  vercelSnippet,
  type SnippetInput,
} from "./snippets";

export type ProxySetup = {
  id: string;
  label: string;
  /** Where the snippet goes. */
  file: string;
  snippet: (input: SnippetInput) => string;
  /** The TRUSTED_IP_HEADER the Trailmark operator sets for this setup. */
  trustedHeader: string;
  /** Who puts the visitor's address into that header. */
  ipSource: React.ReactNode;
  notes?: React.ReactNode;
};

export const PROXY_SETUPS: ProxySetup[] = [
  {
    id: "nextjs",
    label: "Next.js",
    file: "next.config.js",
    snippet: nextSnippet,
    trustedHeader: PROXY_IP_HEADER,
    ipSource: (
      <>
        On Vercel, Vercel&apos;s edge sets <InlineCode>X-Forwarded-For</InlineCode> to the visitor&apos;s address and the rewrite
        passes it on.
      </>
    ),
    notes: (
      <>
        A self-hosted <InlineCode>next start</InlineCode> passes on the <InlineCode>X-Forwarded-For</InlineCode> it receives but adds none of
        its own: run it behind a load balancer, CDN or nginx that sets the header, or every visitor looks like your
        Next.js server. A route of your own at <InlineCode>/api/track</InlineCode> wins over the rewrite; pick another path (for
        example <InlineCode>/stats/event</InlineCode>) for both the rewrite and <InlineCode>data-api</InlineCode> if you have one.
      </>
    ),
  },
  {
    id: "vercel",
    label: "Vercel",
    file: "vercel.json",
    snippet: vercelSnippet,
    trustedHeader: PROXY_IP_HEADER,
    ipSource: (
      <>
        Vercel sets <InlineCode>X-Forwarded-For</InlineCode> to the visitor&apos;s address, replacing any value the visitor sent.
      </>
    ),
    notes: <>For any framework or a static site on Vercel. Next.js projects can use either tab.</>,
  },
  {
    id: "cloudflare",
    label: "Cloudflare Workers",
    file: "worker.js",
    snippet: cloudflareSnippet,
    trustedHeader: PROXY_IP_HEADER,
    ipSource: (
      <>
        The Worker copies <InlineCode>CF-Connecting-IP</InlineCode> (the visitor, as Cloudflare saw them) into{" "}
        <InlineCode>X-Forwarded-For</InlineCode>.
      </>
    ),
    notes: (
      <>
        Add two Worker routes, one per path. Don&apos;t trust <InlineCode>cf-connecting-ip</InlineCode> on the Trailmark side for
        this: on a Worker&apos;s own request it names Cloudflare, not your visitor.
      </>
    ),
  },
  {
    id: "nginx",
    label: "nginx",
    file: "nginx server block",
    snippet: nginxSnippet,
    trustedHeader: PROXY_IP_HEADER,
    ipSource: (
      <>
        <InlineCode>$proxy_add_x_forwarded_for</InlineCode> appends the address nginx sees to any <InlineCode>X-Forwarded-For</InlineCode>{" "}
        already there; Trailmark reads the leftmost address, the visitor as the first proxy saw them.
      </>
    ),
    notes: (
      <>
        Reload with <InlineCode>nginx -t &amp;&amp; nginx -s reload</InlineCode>.
      </>
    ),
  },
  {
    id: "express",
    label: "Express",
    file: "server.js",
    snippet: expressSnippet,
    trustedHeader: PROXY_IP_HEADER,
    ipSource: (
      <>
        <InlineCode>xfwd: true</InlineCode> appends the visitor&apos;s address to <InlineCode>X-Forwarded-For</InlineCode>, as nginx does.
      </>
    ),
    notes: (
      <>
        Express faces visitors itself, with nothing in front? Drop <InlineCode>xfwd</InlineCode> and set the header to the
        socket address, so nobody can pick their own:{" "}
        <InlineCode>{'on: { proxyReq: (p, req) => p.setHeader("x-forwarded-for", req.socket.remoteAddress) }'}</InlineCode>.
      </>
    ),
  },
];
