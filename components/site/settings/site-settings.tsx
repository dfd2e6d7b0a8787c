"use client";

import { useState } from "react";
import type { WebsiteDTO } from "@/lib/websites/types";
import { TrackingSnippet } from "@/components/tracking-snippet";
import { ApiKeysSection } from "./api-keys-section";
import { DangerZone } from "./danger-zone";
import { ExclusionsSection } from "./exclusions-section";
import { GeneralSection } from "./general-section";
import { PaymentProvidersSection } from "./payment-providers-section";
import { PrivacySection } from "./privacy-section";
import { SettingsSection } from "./settings-section";

/** Holds the latest website returned by any PATCH so badges and defaults stay current. */
export function SiteSettings({ website: initial }: { website: WebsiteDTO }) {
  const [website, setWebsite] = useState(initial);
  return (
    <div className="mx-auto grid max-w-4xl gap-6">
      <GeneralSection website={website} onSaved={setWebsite} />
      <SettingsSection id="snippet" title="Tracking snippet" description="Paste it into the <head> of every page.">
        <TrackingSnippet websiteId={website.id} domain={website.domain} />
      </SettingsSection>
      <PrivacySection website={website} onSaved={setWebsite} />
      <ExclusionsSection website={website} onSaved={setWebsite} />
      <PaymentProvidersSection website={website} onSaved={setWebsite} />
      <ApiKeysSection websiteId={website.id} />
      <DangerZone website={website} />
    </div>
  );
}
