"use client";

import { useSyncExternalStore } from "react";

const noopSubscribe = () => () => {};

/**
 * The page's own origin, for snippets and webhook URLs: the app is reachable under
 * whatever host the operator chose, so it cannot be known at build time. Empty on
 * the server, filled in right after hydration.
 */
export function useOrigin(): string {
  return useSyncExternalStore(
    noopSubscribe,
    () => window.location.origin,
    () => "",
  );
}
