"use client";

import { useState } from "react";
import { AlertCircle, CheckCircle2 } from "lucide-react";
import type { PaymentProviderId } from "@/lib/schemas/website";
import type { TestEventResult } from "@/lib/webhooks/test/send";
import { SUBSCRIBED_EVENTS } from "@/lib/webhooks/subscribed-events";
import { apiFetch } from "@/components/api-client";
import { CodeBlock } from "@/components/code-block";
import { Button } from "@/components/ui/button";
import { CHECKOUT_SAMPLES } from "./checkout-samples";

const HEADLINE: Record<TestEventResult["result"], string> = {
  accepted: "Accepted: the signature checked out",
  signature_rejected: "Signature rejected",
  not_configured: "No secret saved",
  failed: "The endpoint refused it",
  unreachable: "Endpoint not reachable",
};

/** The events to subscribe to and the checkout code that passes the visitor id. */
export function ProviderSetup({ provider }: { provider: PaymentProviderId }) {
  return (
    <div className="grid gap-3">
      <div className="grid gap-1.5">
        <span className="text-xs font-medium text-muted-foreground">Events to send to this endpoint</span>
        <ul className="flex flex-wrap gap-1.5" aria-label="Events to subscribe to">
          {SUBSCRIBED_EVENTS[provider].map((e) => (
            <li key={e} className="rounded-md border bg-muted/60 px-1.5 py-0.5 font-mono text-xs">{e}</li>
          ))}
        </ul>
      </div>
      <details className="group">
        <summary className="cursor-pointer text-xs font-medium text-muted-foreground hover:text-foreground">Checkout code: pass the visitor id</summary>
        <CodeBlock className="mt-2 break-normal">{CHECKOUT_SAMPLES[provider]}</CodeBlock>
      </details>
    </div>
  );
}

/** "Send a test event": the server signs one with the saved secret and posts it to this site's webhook endpoint. */
export function ProviderTestEvent({ websiteId, provider, configured }: { websiteId: string; provider: PaymentProviderId; configured: boolean }) {
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<TestEventResult | { result: "error"; message: string } | null>(null);

  async function send() {
    setPending(true);
    const r = await apiFetch<TestEventResult>(`/api/websites/${websiteId}/payment-providers/${provider}/test`, { method: "POST" });
    setPending(false);
    setOutcome(r.ok ? r.data : { result: "error", message: r.message });
  }

  const ok = outcome?.result === "accepted";
  const Icon = ok ? CheckCircle2 : AlertCircle;
  return (
    <div className="grid gap-1.5" data-testid={`test-event-${provider}`}>
      <div>
        <Button type="button" size="sm" variant="outline" disabled={pending || !configured} onClick={() => void send()}>
          {pending ? "Sending…" : "Send a test event"}
        </Button>
        {!configured ? <span className="ml-2 text-xs text-muted-foreground">Save the secret first.</span> : null}
      </div>
      {outcome ? (
        <p role={ok ? "status" : "alert"} data-result={outcome.result} className={`flex items-start gap-1.5 text-sm ${ok ? "text-success" : "text-destructive"}`}>
          <Icon className="mt-0.5 size-4 shrink-0" />
          <span className="min-w-0 break-words">
            <strong className="font-medium">{outcome.result === "error" ? "Could not send" : HEADLINE[outcome.result]}.</strong> {outcome.message}
          </span>
        </p>
      ) : null}
    </div>
  );
}
