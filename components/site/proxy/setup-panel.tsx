"use client";

import { CodeBlock } from "@/components/code-block";
import { CopyButton } from "@/components/copy-button";
import { InlineCode } from "./inline-code";
import type { ProxySetup } from "./setups";
import { proxiedTag, type SnippetInput } from "./snippets";
import { TrustedHeaderStatus } from "./trusted-header-status";

function Step({ n, title, children }: { n: number; title: React.ReactNode; children: React.ReactNode }) {
  return (
    <li className="grid grid-cols-[1.75rem_minmax(0,1fr)] gap-x-3 gap-y-2">
      <span className="flex size-7 items-center justify-center rounded-full bg-brand-soft text-xs font-semibold text-brand">
        {n}
      </span>
      <h3 className="self-center text-sm font-semibold">{title}</h3>
      <div className="col-start-2 grid min-w-0 gap-2 text-sm text-muted-foreground">{children}</div>
    </li>
  );
}

function Snippet({ code, label, ready, wrap = false }: { code: string; label: string; ready: boolean; wrap?: boolean }) {
  return (
    <div className="grid gap-2">
      {/* Config keeps its indentation and scrolls; the one-line tag wraps. */}
      <CodeBlock className={wrap ? "text-foreground" : "break-normal whitespace-pre text-foreground"}>{code}</CodeBlock>
      <div>
        <CopyButton value={code} label={label} disabled={!ready} />
      </div>
    </div>
  );
}

/** One platform's setup: the forwarding config, the tag, and the setting on the Trailmark side. */
export function SetupPanel({
  setup,
  input,
  trustedIpHeader,
}: {
  setup: ProxySetup;
  input: SnippetInput;
  trustedIpHeader: string | null;
}) {
  const ready = input.origin !== "";
  return (
    <ol className="grid gap-6">
      <Step n={1} title={<>Forward /js/script.js and /api/track ({setup.file})</>}>
        <Snippet code={setup.snippet(input)} label="Copy config" ready={ready} />
        {setup.notes ? <p>{setup.notes}</p> : null}
      </Step>
      <Step n={2} title="Point the tag at your own domain">
        <p>
          Replace the tag in your pages&apos; &lt;head&gt; with this one: <InlineCode>data-api</InlineCode> sends
          events to your domain, which forwards them here.
        </p>
        <Snippet code={proxiedTag(input)} label="Copy tag" ready={ready} wrap />
      </Step>
      <Step
        n={3}
        title={
          <>
            On the Trailmark server: <InlineCode>TRUSTED_IP_HEADER={setup.trustedHeader}</InlineCode>
          </>
        }
      >
        <p>{setup.ipSource} Trailmark believes that header only when it is named in TRUSTED_IP_HEADER.</p>
        <TrustedHeaderStatus configured={trustedIpHeader} expected={setup.trustedHeader} />
      </Step>
    </ol>
  );
}
