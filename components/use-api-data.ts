"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import type { Status } from "@/components/site/settings/use-patch-website";

/**
 * Loads `url` once (and again when it changes) for a section that then edits
 * the result locally after each successful mutation; `error` holds a failed load.
 */
export function useApiData<T>(url: string, pick: (body: never) => T): { data: T | null; setData: React.Dispatch<React.SetStateAction<T | null>>; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void apiFetch<never>(url).then((r) => {
      if (!live) return;
      if (r.ok) setData(pick(r.data));
      else setError(r.message);
    });
    return () => {
      live = false;
    };
    // `pick` is a field accessor written inline; only the URL decides a reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);
  return { data, setData, error };
}

/**
 * A settings list (share links, invitations): loaded once, then grown by
 * `create` and shrunk by `remove` (DELETE `${base}/${id}`), with one status line.
 */
export function useApiList<T extends { id: string }>(base: string, pick: (body: never) => T[]) {
  const { data: items, setData: setItems, error } = useApiData<T[]>(base, pick);
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);

  async function call<R>(url: string, method: "POST" | "DELETE", body?: unknown): Promise<{ data: R } | null> {
    setPending(true);
    setStatus(null);
    const r = await apiFetch<R>(url, { method, body });
    setPending(false);
    if (!r.ok) {
      setStatus({ kind: "error", message: r.message });
      return null;
    }
    return { data: r.data };
  }

  /** POSTs `body` to `base`; the created item replaces any it `supersedes`. */
  async function create(body: unknown, success: (item: T) => string, supersedes: (old: T, item: T) => boolean = () => false): Promise<boolean> {
    const r = await call<T>(base, "POST", body);
    if (!r) return false;
    // The first load can answer after the item was created and already hold it: keep one copy.
    setItems((list) => [...(list ?? []).filter((old) => old.id !== r.data.id && !supersedes(old, r.data)), r.data]);
    setStatus({ kind: "success", message: success(r.data) });
    return true;
  }

  async function remove(id: string, success: string): Promise<void> {
    if (!(await call(`${base}/${id}`, "DELETE"))) return;
    setItems((list) => (list ?? []).filter((x) => x.id !== id));
    setStatus({ kind: "success", message: success });
  }

  // Nothing is created or removed before the list has loaded: a load answered after a create would
  // otherwise replace the list with one read before the new item existed.
  const loading = items === null && error === null;
  return { items, error, pending: pending || loading, create, remove, status: status ?? (error ? ({ kind: "error", message: error } as const) : null) };
}
