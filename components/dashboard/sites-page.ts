import type { WebsiteDTO } from "@/lib/websites/types";

/** Sites per page of the site list: every card loads its own sparkline, so a team with hundreds of sites must not load them all at once. */
export const SITES_PER_PAGE = 24;

export type SitesPage = { sites: WebsiteDTO[]; page: number; pages: number; first: number; matched: number; total: number; q: string };

/**
 * One page of the site list: the sites whose name or domain contains `q`
 * (ignoring case), in the order given, `size` per page. A page past the end
 * shows the last one; anything that is not a page number shows the first.
 */
export function sitesPage(all: WebsiteDTO[], query: { q?: string; page?: string }, size = SITES_PER_PAGE): SitesPage {
  const q = (query.q ?? "").trim();
  const needle = q.toLocaleLowerCase();
  const matching = needle ? all.filter((s) => s.name.toLocaleLowerCase().includes(needle) || s.domain.toLocaleLowerCase().includes(needle)) : all;
  const pages = Math.max(1, Math.ceil(matching.length / size));
  const asked = Number(query.page);
  const page = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
  const first = (page - 1) * size;
  return { sites: matching.slice(first, first + size), page, pages, first, matched: matching.length, total: all.length, q };
}

/** The site list's address for a range, search and page (defaults left out). */
export function sitesHref({ days, q, page }: { days: 7 | 30; q: string; page: number }): string {
  const params = new URLSearchParams();
  if (days === 7) params.set("days", "7");
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/dashboard?${query}` : "/dashboard";
}
