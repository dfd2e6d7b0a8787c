import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { loadSharedPage } from "@/lib/shares/page";
import { shareCookieName, hasShareProof } from "@/lib/shares/shares";
import { SharePasswordForm } from "@/components/share/share-password-form";
import { SharedDashboard } from "@/components/share/shared-dashboard";

type Props = { params: Promise<{ token: string }> };

export const metadata: Metadata = { title: "Shared dashboard", robots: { index: false, follow: false } };

/** A public, read-only dashboard (embeddable in an iframe: next.config.ts sets its frame headers). */
export default async function SharePage({ params }: Props) {
  const { token } = await params;
  const shared = await loadSharedPage(token, await headers());
  if (!shared) notFound();
  const proof = (await cookies()).get(shareCookieName(shared.share))?.value;
  if (!hasShareProof(shared.share, proof)) return <SharePasswordForm token={token} />;
  const w = shared.website;
  return <SharedDashboard token={token} site={{ name: w.name, domain: w.domain, timezone: w.timezone ?? "UTC", currency: w.currency ?? "USD" }} />;
}
