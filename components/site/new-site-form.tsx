"use client";

import { useState } from "react";
import Link from "next/link";
import { AlertCircle, CheckCircle2 } from "lucide-react";
import type { WebsiteDTO } from "@/lib/websites/types";
import { apiFetch } from "@/components/api-client";
import { TrackingSnippet } from "@/components/tracking-snippet";
import { FirstEventCheck } from "./first-event-check";
import { VerifyInstallation } from "./install/verify-panel";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { COMMON_TIMEZONES, CURRENCIES, useBrowserTimezone, withExtras } from "./options";

function Created({ website }: { website: WebsiteDTO }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <CheckCircle2 className="size-5 text-success" /> {website.name} is ready
        </CardTitle>
        <CardDescription>
          Paste this tag into the &lt;head&gt; of every page on <strong>{website.domain}</strong>.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <TrackingSnippet websiteId={website.id} domain={website.domain} />
        <div className="grid gap-3 border-t pt-5">
          <h3 className="font-medium">Verify installation</h3>
          <VerifyInstallation websiteId={website.id} domain={website.domain} />
        </div>
      </CardContent>
      <CardFooter>
        <FirstEventCheck websiteId={website.id} />
      </CardFooter>
    </Card>
  );
}

type TeamOption = { id: string; name: string };

/** `teams`: those the user may add sites to (admin or owner), personal first; the choice shows only when there are several. */
export function NewSiteForm({ teams, defaultTeam }: { teams: TeamOption[]; defaultTeam?: string }) {
  const browserTz = useBrowserTimezone();
  const [timezone, setTimezone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<WebsiteDTO | null>(null);
  const zone = timezone ?? browserTz ?? "UTC";

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const domain = String(form.get("domain") ?? "").trim();
    const name = String(form.get("name") ?? "").trim();
    if (!domain) return setError("Please enter your site's domain.");
    setPending(true);
    setError(null);
    const result = await apiFetch<{ website: WebsiteDTO }>("/api/websites", {
      method: "POST",
      body: { domain, ...(name ? { name } : {}), timezone: zone, currency: String(form.get("currency")), ...(form.get("teamId") ? { teamId: String(form.get("teamId")) } : {}) },
    });
    setPending(false);
    if (result.ok) setCreated(result.data.website);
    else setError(result.message);
  }

  if (created) return <Created website={created} />;

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate className="grid gap-5">
        <CardContent className="grid gap-5">
          {error ? (
            <Alert variant="destructive">
              <AlertCircle />
              <AlertTitle>Could not add the site</AlertTitle>
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          <div className="grid gap-2">
            <Label htmlFor="domain">Domain</Label>
            <Input id="domain" name="domain" placeholder="example.com" required autoComplete="off" autoCapitalize="none" />
            <p className="text-xs text-muted-foreground">Without https:// or a path. Subdomains are counted with it.</p>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="name">Name (optional)</Label>
            <Input id="name" name="name" placeholder="My product" />
          </div>
          {teams.length > 1 ? (
            <div className="grid gap-2">
              <Label htmlFor="teamId">Team</Label>
              <Select id="teamId" name="teamId" defaultValue={teams.some((t) => t.id === defaultTeam) ? defaultTeam : teams[0].id}>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </Select>
              <p className="text-xs text-muted-foreground">Its members see the site with their role there.</p>
            </div>
          ) : null}
          <div className="grid gap-5 sm:grid-cols-2">
            <div className="grid gap-2">
              <Label htmlFor="timezone">Time zone</Label>
              <Select id="timezone" name="timezone" value={zone} onChange={(e) => setTimezone(e.target.value)}>
                {withExtras(COMMON_TIMEZONES, browserTz, zone).map((tz) => (
                  <option key={tz} value={tz}>
                    {tz}
                  </option>
                ))}
              </Select>
              <p className="text-xs text-muted-foreground">Days in reports start at midnight here.</p>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="currency">Currency</Label>
              <Select id="currency" name="currency" defaultValue="USD">
                {CURRENCIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </Select>
              <p className="text-xs text-muted-foreground">Revenue is reported in this currency.</p>
            </div>
          </div>
        </CardContent>
        <CardFooter className="justify-end gap-2">
          <Button asChild variant="ghost">
            <Link href="/dashboard">Cancel</Link>
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Adding…" : "Add site"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
