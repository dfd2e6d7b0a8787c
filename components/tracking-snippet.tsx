"use client";

import { CodeBlock } from "@/components/code-block";
import { CopyButton } from "@/components/copy-button";
import { useOrigin } from "@/components/use-origin";

export type TagOptions = { cookieless?: boolean; trackScroll?: boolean; hashPaths?: boolean; respectDnt?: boolean; allowedHostnames?: string[] };

/** The tracker file the settings need: scroll depth and cross-domain ids are extensions (script.<extensions>.js, alphabetical). */
export function trackerFile(opts: TagOptions = {}): string {
  const extensions = [opts.allowedHostnames?.length && "cross-domain", opts.trackScroll && "scroll-depth"].filter(Boolean);
  return ["script", ...extensions, "js"].join(".");
}

/**
 * The tag for a site. Settings that change what the browser does (store no
 * cookie, measure scrolling, follow hash routes, honour DNT, carry the visitor
 * to the site's other domains) must also be on the tag, so the snippet follows
 * them, and pick the script file. `api` is the events endpoint when it is
 * not next to the script (a proxy).
 */
export function trackingSnippet(origin: string, websiteId: string, domain: string, opts: TagOptions = {}, api?: string): string {
  const others = opts.allowedHostnames ?? [];
  const flags = [
    opts.cookieless && "data-cookieless",
    opts.hashPaths && "data-hash",
    opts.respectDnt && "data-respect-dnt",
    others.length && `data-allowed-hostnames="${others.join(",")}"`,
    api && `data-api="${api}"`,
  ];
  const extra = flags.filter(Boolean).map((f) => ` ${f}`).join("");
  return `<script defer src="${origin}/js/${trackerFile(opts)}" data-website-id="${websiteId}" data-domain="${domain}"${extra}></script>`;
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
      <p className="text-xs text-muted-foreground">
        The tracker sends nothing from localhost (it says why in the browser&apos;s console). To test on your machine, add{" "}
        <code className="font-mono">data-include-localhost</code> to the tag and <code className="font-mono">localhost</code> to
        the allowed hostnames in Settings → Exclusions.
      </p>
    </div>
  );
}
