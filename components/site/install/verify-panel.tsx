"use client";

import { useState } from "react";
import { AlertCircle, CheckCircle2 } from "lucide-react";
import type { InstallCheck } from "@/lib/install/verify";
import { apiFetch } from "@/components/api-client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ReceivedEvents } from "./received-events";

function PageResult({ check }: { check: InstallCheck }) {
  const { page, failures } = check;
  if (!page) {
    return (
      <Alert variant="destructive">
        <AlertCircle />
        <AlertTitle>The site could not be read from this server</AlertTitle>
        <AlertDescription>
          {failures.map((f) => <p key={f.url}>{f.message}</p>)}
          <p>Give the address of a public page of the site above, or check that it is online.</p>
        </AlertDescription>
      </Alert>
    );
  }
  if (!page.problems.length) {
    return (
      <Alert variant="success" role="status">
        <CheckCircle2 />
        <AlertTitle>The tag is on {page.url}</AlertTitle>
        <AlertDescription>
          <p>It loads {page.scriptUrl} and sends to {page.endpoint}; nothing on the page blocks either. Visits show up below as they arrive.</p>
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert variant="destructive">
      <AlertCircle />
      <AlertTitle>{page.tagFound ? `The tag is on ${page.url}, but it cannot work` : `Something is wrong on ${page.url}`}</AlertTitle>
      <AlertDescription>
        <ul className="grid list-disc gap-1 pl-4">
          {page.problems.map((p) => <li key={p.code} data-problem={p.code}>{p.message}</li>)}
        </ul>
      </AlertDescription>
    </Alert>
  );
}

/**
 * "Verify installation": this server reads the site's page and says whether
 * the tag is there and would work, and lists what the tag sent lately,
 * dropped events with the reason.
 */
export function VerifyInstallation({ websiteId, domain }: { websiteId: string; domain: string }) {
  const [url, setUrl] = useState("");
  const [pending, setPending] = useState(false);
  const [check, setCheck] = useState<InstallCheck | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function verify(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const r = await apiFetch<InstallCheck>(`/api/websites/${websiteId}/verify`, { method: "POST", body: url.trim() ? { url: url.trim() } : {} });
    setPending(false);
    if (r.ok) setCheck(r.data);
    else {
      setCheck(null);
      setError(r.message);
    }
  }

  return (
    <div className="grid gap-4" data-testid="verify-installation">
      <form className="grid gap-1.5" onSubmit={verify}>
        <Label htmlFor={`verify-url-${websiteId}`} className="text-xs text-muted-foreground">
          Page to check (the home page when empty)
        </Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input id={`verify-url-${websiteId}`} type="url" inputMode="url" value={url} placeholder={`https://${domain}/`} onChange={(e) => setUrl(e.target.value)} />
          <Button type="submit" disabled={pending} className="shrink-0">
            {pending ? "Checking…" : "Verify installation"}
          </Button>
        </div>
      </form>
      {error ? <p role="alert" className="inline-flex items-center gap-1.5 text-sm text-destructive"><AlertCircle className="size-4" /> {error}</p> : null}
      {check ? <PageResult check={check} /> : null}
      <ReceivedEvents websiteId={websiteId} domain={domain} />
    </div>
  );
}
