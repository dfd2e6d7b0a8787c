"use client";

import { useEffect, useState } from "react";
import { statsFetch } from "./stats-batch";

export type JsonState<T> = { data: T | null; error: string | null; loading: boolean };

/**
 * GETs `url` whenever it changes; the last answer stays on screen while the
 * next loads (a filter click dims the numbers instead of blanking them), and a
 * superseded answer is ignored so a slow old response cannot overwrite a newer one.
 * Stats calls made together go out as one request (stats-batch.ts).
 */
export function useJson<T>(url: string | null): JsonState<T> {
  const [state, setState] = useState<JsonState<T>>({ data: null, error: null, loading: !!url });
  useEffect(() => {
    if (!url) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    statsFetch<T>(url).then((r) => {
      if (!live) return;
      setState(r.ok ? { data: r.data, error: null, loading: false } : { data: null, error: r.message, loading: false });
    });
    return () => {
      live = false;
    };
  }, [url]);
  return state;
}
