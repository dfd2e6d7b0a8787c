import type { Metadata } from "next";
import { requireUser } from "@/components/dashboard/require-user";
import { PageHeader } from "@/components/dashboard/page-header";
import { NewSiteForm } from "@/components/site/new-site-form";

export const metadata: Metadata = { title: "Add a site" };

export default async function NewSitePage() {
  await requireUser("/dashboard/new");
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Add a site" description="Tell us where the script will run; you can change these later." />
      <NewSiteForm />
    </div>
  );
}
