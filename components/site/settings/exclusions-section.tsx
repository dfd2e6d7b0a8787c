"use client";

import { useState } from "react";
import type { WebsiteDTO } from "@/lib/websites/types";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { SettingsSection } from "./settings-section";
import { StatusMessage } from "./status-message";
import { usePatchWebsite } from "./use-patch-website";

type ListKey = "excludeIps" | "excludeCountries" | "excludeHostnames" | "excludePaths" | "allowedHostnames";

const FIELDS: { key: ListKey; label: string; hint: string; placeholder: string }[] = [
  { key: "excludeIps", label: "Excluded IP addresses", hint: "An IP or a CIDR range per line, e.g. your office.", placeholder: "203.0.113.7\n10.0.0.0/8" },
  { key: "excludeCountries", label: "Excluded countries", hint: "Two-letter ISO codes.", placeholder: "US\nDE" },
  { key: "excludeHostnames", label: "Excluded hostnames", hint: "Events from these hosts are dropped.", placeholder: "staging.example.com\nlocalhost" },
  { key: "excludePaths", label: "Excluded paths", hint: "Paths starting with /; pageviews of these pages are not counted.", placeholder: "/admin\n/preview" },
  { key: "allowedHostnames", label: "Allowed hostnames", hint: "Hosts counted besides the site's domain and its subdomains: another domain of yours, or localhost while you test.", placeholder: "shop.example.net\nlocalhost" },
];

/** One entry per line; commas are accepted too because people paste lists. */
export function parseLines(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\n,]/)) {
    const v = part.trim();
    if (v) seen.add(v);
  }
  return [...seen];
}

function toText(website: WebsiteDTO): Record<ListKey, string> {
  return Object.fromEntries(FIELDS.map((f) => [f.key, website.settings[f.key].join("\n")])) as Record<ListKey, string>;
}

export function ExclusionsSection({ website, onSaved }: { website: WebsiteDTO; onSaved: (w: WebsiteDTO) => void }) {
  const [values, setValues] = useState(() => toText(website));
  const { pending, status, patch } = usePatchWebsite(website.id, onSaved);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const settings = Object.fromEntries(FIELDS.map((f) => [f.key, parseLines(values[f.key])]));
    const saved = await patch({ settings }, "Exclusions saved");
    // Show what the server stored (upper-cased countries, lower-cased hosts).
    if (saved) setValues(toText(saved));
  }

  return (
    <form onSubmit={onSubmit}>
      <SettingsSection
        id="exclusions"
        title="Exclusions"
        description="Traffic matching these rules is dropped before it is stored. One entry per line."
        footer={
          <>
            <StatusMessage status={status} />
            <Button type="submit" disabled={pending} className="ml-auto">
              {pending ? "Saving…" : "Save exclusions"}
            </Button>
          </>
        }
      >
        <div className="grid gap-5 md:grid-cols-2">
          {FIELDS.map((f) => (
            <div key={f.key} className="grid content-start gap-2">
              <Label htmlFor={f.key}>{f.label}</Label>
              <Textarea
                id={f.key}
                value={values[f.key]}
                placeholder={f.placeholder}
                spellCheck={false}
                className="font-mono text-xs"
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              />
              <p className="text-xs text-muted-foreground">{f.hint}</p>
            </div>
          ))}
        </div>
      </SettingsSection>
    </form>
  );
}
