import type { Metadata } from "next";
import { Guide } from "@/components/docs/guide";
import { readmeDocs } from "@/lib/docs/readme-sections";

export const metadata: Metadata = { title: "Docs" };
// Rendered once when the app is built, from the README it was built with.
export const dynamic = "force-static";

export default function DocsPage() {
  return <Guide docs={readmeDocs()} />;
}
