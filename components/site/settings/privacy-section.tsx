"use client";

import { useState } from "react";
import type { WebsiteDTO } from "@/lib/websites/types";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { SettingsSection } from "./settings-section";
import { StatusMessage } from "./status-message";
import { usePatchWebsite } from "./use-patch-website";

type FlagKey = "cookieless" | "respectDnt" | "hashPaths" | "trackScroll" | "publicBadge";

const FLAGS: { key: FlagKey; label: string; hint: string }[] = [
  { key: "cookieless", label: "Cookieless mode", hint: "Store nothing in the browser; visitors are counted by a daily rotating hash." },
  { key: "respectDnt", label: "Respect Do Not Track", hint: "Drop visits from browsers that send DNT or Global Privacy Control." },
  { key: "hashPaths", label: "Hash-based routing", hint: "Count /#/pricing and /#/docs as separate pages (single-page apps)." },
  { key: "trackScroll", label: "Track scroll depth", hint: "Record how far down each page visitors scroll. The snippet then loads script.scroll-depth.js: update your tag." },
  { key: "publicBadge", label: "Public badge", hint: "Allow a public visitor-count badge for this site." },
];

export function PrivacySection({ website, onSaved }: { website: WebsiteDTO; onSaved: (w: WebsiteDTO) => void }) {
  const [flags, setFlags] = useState<Record<FlagKey, boolean>>(
    () => Object.fromEntries(FLAGS.map((f) => [f.key, website.settings[f.key]])) as Record<FlagKey, boolean>,
  );
  const { pending, status, patch } = usePatchWebsite(website.id, onSaved);

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void patch({ settings: flags }, "Privacy settings saved");
      }}
    >
      <SettingsSection
        id="privacy"
        title="Privacy and tracking"
        description="Raw IP addresses are never stored, whatever you choose here."
        footer={
          <>
            <StatusMessage status={status} />
            <Button type="submit" disabled={pending} className="ml-auto">
              {pending ? "Saving…" : "Save"}
            </Button>
          </>
        }
      >
        <div className="grid gap-1">
          {FLAGS.map((f) => (
            <div key={f.key} className="flex items-start justify-between gap-4 rounded-lg py-2">
              <div className="grid gap-1">
                <Label htmlFor={`flag-${f.key}`}>{f.label}</Label>
                <p className="text-sm text-muted-foreground">{f.hint}</p>
              </div>
              <Switch
                id={`flag-${f.key}`}
                checked={flags[f.key]}
                onCheckedChange={(checked) => setFlags((v) => ({ ...v, [f.key]: checked }))}
              />
            </div>
          ))}
        </div>
      </SettingsSection>
    </form>
  );
}
