import type { WebsiteDTO } from "@/lib/websites/types";
import { PROVIDERS, ProviderRow } from "./provider-row";
import { SettingsSection } from "./settings-section";

export function PaymentProvidersSection({ website, onSaved }: { website: WebsiteDTO; onSaved: (w: WebsiteDTO) => void }) {
  return (
    <SettingsSection
      id="payments"
      title="Payment providers"
      description={
        <>
          Point your provider&apos;s webhook at the URL below and paste its signing secret. Pass the visitor id
          (<code className="font-mono text-xs">trailmark.visitorId()</code>) in the checkout metadata as{" "}
          <code className="font-mono text-xs">trailmark_visitor_id</code> to attribute each payment. Secrets are stored
          encrypted and never shown again.
        </>
      }
    >
      <div className="grid gap-3 lg:grid-cols-2">
        {PROVIDERS.map((p) => (
          <ProviderRow key={p.id} provider={p} website={website} onSaved={onSaved} />
        ))}
      </div>
    </SettingsSection>
  );
}
