import type { VisitorDetail } from "@/lib/schemas/api-v1-responses";
import { formatDateTime, formatMoney } from "@/components/format";
import { CountryLabel, DeviceLabel } from "@/components/site/overview/labels";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 truncate text-right">{children ?? "—"}</dd>
    </div>
  );
}

/** Who the visitor is, where they first came from and what they paid. */
export function VisitorSummary({ visitor }: { visitor: VisitorDetail }) {
  const { profile, identity, firstTouch, activity, money } = visitor;
  return (
    <div className="grid content-start gap-4">
      <Card className="gap-2">
        <CardHeader>
          <CardTitle className="text-base">{profile.name ?? profile.userId ?? "Anonymous visitor"}</CardTitle>
          <p className="truncate font-mono text-xs text-muted-foreground">{visitor.visitorId}</p>
        </CardHeader>
        <CardContent>
          <dl className="divide-y">
            {profile.userId ? <Row label="User id">{profile.userId}</Row> : null}
            {profile.identifiedAt ? <Row label="Identified">{formatDateTime(profile.identifiedAt)}</Row> : null}
            {Object.entries(profile.traits).map(([k, v]) => <Row key={k} label={k}>{String(v)}</Row>)}
            <Row label="Location">{identity.country ? <CountryLabel value={identity.country} /> : null}{identity.city ? `, ${identity.city}` : ""}</Row>
            <Row label="Device">{identity.device ? <DeviceLabel value={identity.device} /> : null}</Row>
            <Row label="Browser">{[identity.browser, identity.os].filter(Boolean).join(" on ") || null}</Row>
            <Row label="Visits">{activity.visits}</Row>
            <Row label="Pageviews">{activity.pageviews}</Row>
            <Row label="First seen">{formatDateTime(activity.firstSeen)}</Row>
            <Row label="Last seen">{formatDateTime(activity.lastSeen)}</Row>
          </dl>
        </CardContent>
      </Card>
      <Card className="gap-2">
        <CardHeader>
          <CardTitle className="text-base">First touch</CardTitle>
        </CardHeader>
        <CardContent>
          {firstTouch ? (
            <dl className="divide-y">
              <Row label="Channel">{firstTouch.channel}</Row>
              <Row label="Referrer">{firstTouch.referrerDomain}</Row>
              {firstTouch.utmSource ? <Row label="UTM source">{firstTouch.utmSource}</Row> : null}
              {firstTouch.utmCampaign ? <Row label="Campaign">{firstTouch.utmCampaign}</Row> : null}
              <Row label="Landing page"><span className="font-mono text-xs">{firstTouch.landingPage}</span></Row>
            </dl>
          ) : (
            <p className="text-sm text-muted-foreground">No visit recorded: this visitor is known only from the API.</p>
          )}
        </CardContent>
      </Card>
      <Card className="gap-2">
        <CardHeader>
          <CardTitle className="text-base">Revenue</CardTitle>
        </CardHeader>
        <CardContent>
          <p className="text-2xl font-semibold tabular-nums">{formatMoney(money.netRevenue, money.currency)}</p>
          <p className="text-sm text-muted-foreground">
            {money.paymentCount} payment{money.paymentCount === 1 ? "" : "s"}
            {money.refunds ? `, ${formatMoney(money.refunds, money.currency)} refunded` : ""}
          </p>
        </CardContent>
      </Card>
    </div>
  );
}
