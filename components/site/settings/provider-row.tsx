"use client";

import { useState } from "react";
import type { WebsiteDTO } from "@/lib/websites/types";
import { CopyButton } from "@/components/copy-button";
import { formatDateTime } from "@/components/format";
import { useOrigin } from "@/components/use-origin";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ProviderSetup, ProviderTestEvent } from "./provider-test-event";
import { StatusMessage } from "./status-message";
import { usePatchWebsite } from "./use-patch-website";

export type ProviderId = keyof WebsiteDTO["paymentProviders"];

export const PROVIDERS: { id: ProviderId; name: string; where: string }[] = [
  { id: "stripe", name: "Stripe", where: "Developers → Webhooks → your endpoint → Signing secret (whsec_…)" },
  { id: "lemonsqueezy", name: "LemonSqueezy", where: "Settings → Webhooks → the signing secret you set on the webhook" },
  { id: "polar", name: "Polar", where: "Settings → Webhooks → the endpoint's secret" },
  { id: "paddle", name: "Paddle", where: "Developer tools → Notifications → the destination's secret key" },
];

const MIN_SECRET = 8;

export function ProviderRow({
  provider,
  website,
  onSaved,
}: {
  provider: (typeof PROVIDERS)[number];
  website: WebsiteDTO;
  onSaved: (w: WebsiteDTO) => void;
}) {
  const origin = useOrigin();
  const [secret, setSecret] = useState("");
  const { pending, status, setStatus, patch } = usePatchWebsite(website.id, onSaved);
  const state = website.paymentProviders[provider.id];
  const webhookUrl = `${origin}/api/webhooks/${provider.id}/${website.id}`;
  const inputId = `secret-${provider.id}`;

  async function save(webhookSecret: string | null, message: string) {
    if (await patch({ paymentProviders: { [provider.id]: { webhookSecret } } }, message)) setSecret("");
  }

  return (
    <div className="flex min-w-0 flex-col gap-3 rounded-lg border p-4" data-testid={`provider-${provider.id}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h4 className="font-medium">{provider.name}</h4>
        {state.configured ? <Badge variant="success">Configured</Badge> : <Badge variant="outline">Not configured</Badge>}
        {state.configured ? (
          <span className="text-xs text-muted-foreground sm:ml-auto">Last received: {formatDateTime(state.lastReceivedAt)}</span>
        ) : null}
      </div>
      <div className="flex flex-col gap-1.5">
        <span className="text-xs font-medium text-muted-foreground">Webhook URL</span>
        <div className="flex items-center gap-2">
          <code className="min-w-0 flex-1 truncate rounded-md border bg-muted/60 px-2.5 py-1.5 font-mono text-xs">{webhookUrl}</code>
          <CopyButton value={webhookUrl} disabled={!origin} />
        </div>
      </div>
      <form
        className="flex flex-col gap-1.5"
        onSubmit={(event) => {
          event.preventDefault();
          if (secret.trim().length < MIN_SECRET) {
            setStatus({ kind: "error", message: `The secret is at least ${MIN_SECRET} characters.` });
            return;
          }
          void save(secret.trim(), `${provider.name} secret saved`);
        }}
      >
        <Label htmlFor={inputId} className="text-xs text-muted-foreground">
          Webhook signing secret
        </Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input
            id={inputId}
            type="password"
            autoComplete="off"
            value={secret}
            placeholder={state.configured ? "Saved. Paste a new one to replace it" : "Paste the secret"}
            onChange={(e) => setSecret(e.target.value)}
          />
          <div className="flex gap-2">
            <Button type="submit" disabled={pending || !secret}>
              Save
            </Button>
            {state.configured ? (
              <Button type="button" variant="outline" disabled={pending} onClick={() => void save(null, `${provider.name} disconnected`)}>
                Remove
              </Button>
            ) : null}
          </div>
        </div>
        <p className="text-xs text-muted-foreground">{provider.where}</p>
        <StatusMessage status={status} />
      </form>
      <ProviderSetup provider={provider.id} />
      <ProviderTestEvent websiteId={website.id} provider={provider.id} configured={state.configured} />
    </div>
  );
}
