import Link from "next/link";
import { FlaskConical } from "lucide-react";

/** On every stats page of the seeded demo site: what is made up and where each kind of data would come from on a real site. */
export function DemoNotice({ websiteId }: { websiteId: string }) {
  return (
    <details className="mb-4 rounded-lg border border-primary/25 bg-primary/5 px-4 py-3 text-sm" data-testid="demo-notice">
      <summary className="flex cursor-pointer list-none items-center gap-2 font-medium">
        <FlaskConical className="size-4 shrink-0 text-primary" />
        Demo data: Acme is a made-up site. Where do its numbers come from?
      </summary>
      <div className="mt-2 grid gap-1.5 text-muted-foreground [&_strong]:font-medium [&_strong]:text-foreground">
        <p>
          <strong>Visits</strong> are six weeks of generated traffic, the kind the tracking snippet records: pages, sources,
          campaigns, countries and devices.
        </p>
        <p>
          <strong>Payments</strong> are written as if Stripe&apos;s webhook had delivered them: one-off checkouts and monthly
          renewals, each carrying the paying visitor&apos;s id (<code className="font-mono text-xs">trailmark_visitor_id</code>),
          which is how revenue is tied to the source that brought them. A few are refunded. On your site they arrive once a
          provider&apos;s webhook is set up in{" "}
          <Link href={`/dashboard/${websiteId}/settings#payments`} className="underline underline-offset-4">Settings → Payment providers</Link>.
        </p>
        <p>
          <strong>Markers</strong> on the chart are X mentions and GitHub commits the seed wrote; a real site gets them from
          the X and GitHub integrations.
        </p>
        <p>
          <strong>Goals and funnels</strong> (Signed up, Paid, Saw pricing, …; Pricing to payment, Home to signup) are defined
          on the Goals and Funnels pages, as you would define yours.
        </p>
      </div>
    </details>
  );
}
