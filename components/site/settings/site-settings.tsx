"use client";

import { useState } from "react";
import type { WebsiteDTO } from "@/lib/websites/types";
import { TrackingSnippet } from "@/components/tracking-snippet";
import { Select } from "@/components/ui/select";
import { EmailReportsSection } from "@/components/integrations/email-reports-section";
import { IntegrationsSection } from "@/components/integrations/integrations-section";
import { VerifyInstallation } from "../install/verify-panel";
import { ApiKeysSection } from "./api-keys-section";
import { BackfillSection } from "./backfill-section";
import { ImportsSection } from "./imports-section";
import { DangerZone } from "./danger-zone";
import { DataSection } from "./data-section";
import { ExclusionsSection } from "./exclusions-section";
import { GeneralSection } from "./general-section";
import { PaymentProvidersSection } from "./payment-providers-section";
import { PrivacySection } from "./privacy-section";
import { SettingsSection } from "./settings-section";
import { SharingSection } from "./sharing-section";
import { TeamSection } from "./team-section";

const SECTIONS = [
  ["general", "General"],
  ["team", "Team"],
  ["snippet", "Tracking snippet"],
  ["verify", "Verify installation"],
  ["privacy", "Privacy"],
  ["data", "Retention and export"],
  ["exclusions", "Exclusions"],
  ["payments", "Payment providers"],
  ["integrations", "Integrations"],
  ["imports", "Import history"],
  ["backfill", "Payment history"],
  ["email-reports", "Email reports"],
  ["api-keys", "API keys"],
  ["sharing", "Shared dashboards"],
  ["danger", "Danger zone"],
] as const;

function SettingsNav() {
  return (
    <nav className="hidden lg:block" aria-label="Settings sections">
      <ul className="sticky top-20 grid gap-0.5 text-sm">
        {SECTIONS.map(([id, label]) => (
          <li key={id}>
            <a href={`#${id}`} className="block rounded-md px-2.5 py-1.5 text-muted-foreground hover:bg-accent hover:text-foreground">
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Below lg the side menu is hidden: a sticky picker jumps to a section instead. */
function SettingsPicker() {
  return (
    <div className="sticky top-14 z-30 -mx-1 bg-background/95 px-1 py-2 backdrop-blur lg:hidden">
      <Select
        aria-label="Settings section"
        defaultValue=""
        onChange={(e) => {
          if (e.target.value) document.getElementById(e.target.value)?.scrollIntoView({ block: "start" });
        }}
      >
        <option value="" disabled>Jump to a section…</option>
        {SECTIONS.map(([id, label]) => (
          <option key={id} value={id}>{label}</option>
        ))}
      </Select>
    </div>
  );
}

/** Holds the latest website returned by any PATCH so badges and defaults stay current. */
export function SiteSettings({ website: initial }: { website: WebsiteDTO }) {
  const [website, setWebsite] = useState(initial);
  return (
    <div className="grid gap-6 lg:grid-cols-[11rem_minmax(0,1fr)] lg:gap-8">
      <SettingsNav />
      <div className="grid min-w-0 gap-6">
        <SettingsPicker />
        <GeneralSection website={website} onSaved={setWebsite} />
        <TeamSection website={website} onSaved={setWebsite} />
        <SettingsSection id="snippet" title="Tracking snippet" description="Paste it into the <head> of every page.">
          <TrackingSnippet websiteId={website.id} domain={website.domain} settings={website.settings} />
        </SettingsSection>
        <SettingsSection id="verify" title="Verify installation" description="This server reads your page, checks the tag, and lists what the tag sent lately, with the reason for anything not counted.">
          <VerifyInstallation websiteId={website.id} domain={website.domain} />
        </SettingsSection>
        <PrivacySection website={website} onSaved={setWebsite} />
        <DataSection website={website} onSaved={setWebsite} />
        <ExclusionsSection website={website} onSaved={setWebsite} />
        <PaymentProvidersSection website={website} onSaved={setWebsite} />
        <IntegrationsSection websiteId={website.id} domain={website.domain} />
        <ImportsSection websiteId={website.id} />
        <BackfillSection websiteId={website.id} />
        <EmailReportsSection />
        <ApiKeysSection websiteId={website.id} />
        <SharingSection websiteId={website.id} />
        <DangerZone website={website} />
      </div>
    </div>
  );
}
