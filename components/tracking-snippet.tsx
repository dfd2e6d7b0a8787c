"use client";

import { CodeBlock } from "@/components/code-block";
import { CopyButton } from "@/components/copy-button";
import { useOrigin } from "@/components/use-origin";

export function trackingSnippet(origin: string, websiteId: string, domain: string): string {
  return `<script defer src="${origin}/js/script.js" data-website-id="${websiteId}" data-domain="${domain}"></script>`;
}

/** The one tag a site owner pastes into their <head>, with a copy button. */
export function TrackingSnippet({ websiteId, domain }: { websiteId: string; domain: string }) {
  const origin = useOrigin();
  const snippet = trackingSnippet(origin, websiteId, domain);
  return (
    <div className="grid gap-2">
      <CodeBlock>{snippet}</CodeBlock>
      <div>
        <CopyButton value={snippet} label="Copy snippet" disabled={!origin} />
      </div>
    </div>
  );
}
