import { requireWebsite } from "./require-user";

type Props = { children: React.ReactNode; params: Promise<{ websiteId: string }> };

/**
 * A layout for a site's admin pages (settings, proxy). The role is checked in
 * the layout, above the page's loading boundary, so a viewer is answered with
 * a real 403 rather than a streamed 200.
 */
export function adminOnlyLayout(section: string) {
  return async function AdminOnlyLayout({ children, params }: Props) {
    const { websiteId } = await params;
    await requireWebsite(websiteId, `/dashboard/${websiteId}/${section}`, "admin");
    return children;
  };
}
