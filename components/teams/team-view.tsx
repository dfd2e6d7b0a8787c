import Link from "next/link";
import { Globe } from "lucide-react";
import type { PlanDTO } from "@/lib/billing/overview";
import { withArticle } from "@/lib/teams/role-names";
import { BillingSection } from "@/components/billing/billing-section";
import type { TeamDTO } from "@/lib/teams/teams";
import { PageHeader } from "@/components/dashboard/page-header";
import { SiteFavicon } from "@/components/dashboard/site-favicon";
import { SettingsSection } from "@/components/site/settings/settings-section";
import { Badge } from "@/components/ui/badge";
import { AuditSection } from "./audit-section";
import { InvitesSection } from "./invites-section";
import { ROLE_HINT, ROLE_LABEL, teamName } from "./labels";
import { MembersSection } from "./members-section";
import { TeamSettingsSection } from "./team-settings-section";

type Site = { id: string; name: string; domain: string };

/** /team/{id}: sites, usage and billing, members, invitations, the audit log and the team's settings, each as the role allows. */
export function TeamView({ team, me, sites, plans }: { team: TeamDTO; me: { id: string; emailVerified: boolean }; sites: Site[]; plans: PlanDTO[] | null }) {
  const admin = team.role !== "viewer";
  return (
    <>
      <PageHeader
        title={
          <span className="inline-flex items-center gap-2">
            {teamName(team)} <Badge variant="secondary" title={ROLE_HINT[team.role]}>{ROLE_LABEL[team.role]}</Badge>
          </span>
        }
        description={team.personal ? "Your own sites. You can invite people here too, or create a separate team." : `You are ${withArticle(team.role)}: ${ROLE_HINT[team.role].toLowerCase()}.`}
      />
      <div className="grid min-w-0 gap-6">
        <SettingsSection id="sites" title="Sites">
          {sites.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              No sites yet.{" "}
              {admin ? (
                <Link href={`/dashboard/new?team=${team.id}`} className="font-medium text-foreground underline-offset-4 hover:underline">Add one</Link>
              ) : null}
            </p>
          ) : (
            <ul className="grid gap-2 sm:grid-cols-2">
              {sites.map((s) => (
                <li key={s.id}>
                  <Link href={`/dashboard/${s.id}`} className="flex items-center gap-3 rounded-lg border px-3 py-2 hover:bg-accent">
                    <SiteFavicon domain={s.domain} />
                    <span className="min-w-0">
                      <span className="block truncate text-sm font-medium">{s.name}</span>
                      <span className="block truncate text-xs text-muted-foreground">{s.domain}</span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {admin && sites.length ? (
            <Link href={`/dashboard/new?team=${team.id}`} className="inline-flex items-center gap-1.5 text-sm font-medium underline-offset-4 hover:underline">
              <Globe className="size-4" /> Add a site to this team
            </Link>
          ) : null}
        </SettingsSection>
        <BillingSection teamId={team.id} owner={team.role === "owner"} plans={plans} />
        <MembersSection teamId={team.id} role={team.role} personal={team.personal} me={me.id} />
        {admin ? <InvitesSection teamId={team.id} owner={team.role === "owner"} emailVerified={me.emailVerified} /> : null}
        {admin ? <AuditSection teamId={team.id} /> : null}
        {team.role === "owner" && !team.personal ? <TeamSettingsSection team={team} /> : null}
      </div>
    </>
  );
}
