"use client";

import { useCallback, useMemo } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { pageQuery, parseDashState, type DashState } from "./query";

/** The view as the URL holds it, and a setter that writes the URL (so back/forward and shared links work). */
export function useDashState(): [DashState, (next: DashState) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => parseDashState(new URLSearchParams(params.toString())), [params]);
  const set = useCallback(
    (next: DashState) => {
      const q = pageQuery(next);
      router.push(q ? `${pathname}?${q}` : pathname, { scroll: false });
    },
    [router, pathname],
  );
  return [state, set];
}
