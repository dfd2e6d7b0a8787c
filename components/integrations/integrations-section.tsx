"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { SettingsSection } from "@/components/site/settings/settings-section";
import type { IntegrationsDTO } from "@/lib/integrations/settings";
import { IntegrationCard } from "./integration-card";
import { useIntegrations } from "./use-integrations";

type Hook = ReturnType<typeof useIntegrations>;

function XCard({ data, hook, domain }: { data: IntegrationsDTO["x"]; hook: Hook; domain: string }) {
  const [query, setQuery] = useState(data.query ?? `"${domain}" OR url:${domain}`);
  const [token, setToken] = useState("");
  return (
    <IntegrationCard title="X (Twitter) mentions" configured={data.configured} job={data.job} pending={hook.pending === "x"} status={hook.status.x ?? null} onRun={() => void hook.runNow("x", "x")}
      description="Posts matching the search show on the chart; a post that links to your site is credited with the t.co visits and revenue it brought.">
      <form className="grid gap-2" onSubmit={(e) => { e.preventDefault(); void hook.save("x", { x: { query, ...(token ? { bearerToken: token } : {}) } }, "X settings saved").then((ok) => ok && setToken("")); }}>
        <Label htmlFor="x-query" className="text-xs text-muted-foreground">Search query</Label>
        <Input id="x-query" value={query} maxLength={512} onChange={(e) => setQuery(e.target.value)} />
        <Label htmlFor="x-token" className="text-xs text-muted-foreground">Bearer token (X developer portal → your app → Keys and tokens)</Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input id="x-token" type="password" autoComplete="off" value={token} placeholder={data.configured ? "Saved · paste to replace" : "AAAA…"} onChange={(e) => setToken(e.target.value)} />
          <Button type="submit" disabled={hook.pending === "x"}>Save</Button>
          {data.configured ? <Button type="button" variant="outline" onClick={() => void hook.save("x", { x: { bearerToken: null } }, "X disconnected")}>Remove</Button> : null}
        </div>
      </form>
    </IntegrationCard>
  );
}

function GithubCard({ data, hook }: { data: IntegrationsDTO["github"]; hook: Hook }) {
  const [repos, setRepos] = useState(data.repos.join("\n"));
  const [token, setToken] = useState("");
  const list = repos.split(/[\s,]+/).map((r) => r.trim()).filter(Boolean);
  return (
    <IntegrationCard title="GitHub commits" configured={data.configured} job={data.job} pending={hook.pending === "github"} status={hook.status.github ?? null} onRun={() => void hook.runNow("github", "github")}
      description="Commits on each repository's default branch appear as markers on the chart, so releases line up with traffic and revenue.">
      <form className="grid gap-2" onSubmit={(e) => { e.preventDefault(); void hook.save("github", { github: { repos: list, ...(token ? { token } : {}) } }, "GitHub settings saved").then((ok) => ok && setToken("")); }}>
        <Label htmlFor="gh-repos" className="text-xs text-muted-foreground">Repositories (owner/name, one per line)</Label>
        <Textarea id="gh-repos" rows={2} value={repos} placeholder="acme/website" onChange={(e) => setRepos(e.target.value)} />
        <Label htmlFor="gh-token" className="text-xs text-muted-foreground">Token (fine-grained, read-only Contents on these repositories)</Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input id="gh-token" type="password" autoComplete="off" value={token} placeholder={data.configured ? "Saved · paste to replace" : "github_pat_…"} onChange={(e) => setToken(e.target.value)} />
          <Button type="submit" disabled={hook.pending === "github"}>Save</Button>
          {data.configured ? <Button type="button" variant="outline" onClick={() => void hook.save("github", { github: { token: null } }, "GitHub disconnected")}>Remove</Button> : null}
        </div>
      </form>
    </IntegrationCard>
  );
}

function SearchConsoleCard({ data, hook, websiteId, domain }: { data: IntegrationsDTO["searchConsole"]; hook: Hook; websiteId: string; domain: string }) {
  const [siteUrl, setSiteUrl] = useState(data.siteUrl ?? `sc-domain:${domain}`);
  return (
    <IntegrationCard title="Google Search Console" configured={data.connected} job={data.job} pending={hook.pending === "sc"} status={hook.status.sc ?? null} onRun={() => void hook.runNow("sc", "search-console")}
      description={<>Imports queries and pages with clicks, impressions, CTR and position once a day; the <a className="underline" href={`/dashboard/${websiteId}/keywords`}>Keywords</a> page joins them with visitors and revenue.</>}>
      <form className="grid gap-2" onSubmit={(e) => { e.preventDefault(); void hook.save("sc", { searchConsole: { siteUrl } }, "Property saved"); }}>
        <Label htmlFor="sc-site" className="text-xs text-muted-foreground">Property</Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input id="sc-site" value={siteUrl} onChange={(e) => setSiteUrl(e.target.value)} />
          <Button type="submit" variant="outline" disabled={hook.pending === "sc"}>Save</Button>
          {data.connected ? (
            <Button type="button" variant="outline" onClick={() => void hook.save("sc", { searchConsole: { disconnect: true } }, "Search Console disconnected")}>Disconnect</Button>
          ) : data.available ? (
            <Button asChild><a href={`/api/websites/${websiteId}/integrations/search-console/connect`}>Connect with Google</a></Button>
          ) : null}
        </div>
        {!data.available ? <p className="text-xs text-muted-foreground">Set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET on the server to connect.</p> : null}
      </form>
    </IntegrationCard>
  );
}

export function IntegrationsSection({ websiteId, domain }: { websiteId: string; domain: string }) {
  const hook = useIntegrations(websiteId);
  return (
    <SettingsSection id="integrations" title="Integrations" description="Syncs run on their own every 15 minutes (Search Console daily), never two at once for this site. Tokens are stored encrypted and never shown again.">
      {hook.data ? (
        <div className="grid gap-3 xl:grid-cols-2">
          <XCard data={hook.data.x} hook={hook} domain={domain} />
          <GithubCard data={hook.data.github} hook={hook} />
          <SearchConsoleCard data={hook.data.searchConsole} hook={hook} websiteId={websiteId} domain={domain} />
        </div>
      ) : (
        <Skeleton className="h-40" />
      )}
    </SettingsSection>
  );
}
