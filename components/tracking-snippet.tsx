"use client";

import { CodeBlock } from "@/components/code-block";
import { CopyButton } from "@/components/copy-button";
import { useOrigin } from "@/components/use-origin";

type TagOptions = { cookieless?: boolean; trackScroll?: boolean; hashPaths?: boolean; respectDnt?: boolean };

/**
 * The tag for a site. Settings that change what the browser does (store no
 * cookie, measure scrolling, follow hash routes, honour DNT) must also be on
 * the tag, so the snippet follows them.
 */
export function trackingSnippet(origin: string, websiteId: string, domain: string, opts: TagOptions = {}): string {
  const flags = [opts.cookieless && "data-cookieless", opts.trackScroll && "data-track-scroll", opts.hashPaths && "data-hash", opts.respectDnt && "data-respect-dnt"];
  const extra = flags.filter(Boolean).map((f) => ` ${f}`).join("");
  return `<script defer src="${origin}/js/script.js" data-website-id="${websiteId}" data-domain="${domain}"${extra}></script>`;
}

/** The one tag a site owner pastes into their <head>, with a copy button. */
export function TrackingSnippet({ websiteId, domain, settings }: { websiteId: string; domain: string; settings?: TagOptions }) {
  const origin = useOrigin();
  const snippet = trackingSnippet(origin, websiteId, domain, settings);
  return (
    <div className="grid gap-2">
      <CodeBlock>{snippet}</CodeBlock>
      <div>
        <CopyButton value={snippet} label="Copy snippet" disabled={!origin} />
      </div>
    </div>
  );
}
