"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api-client";
import { FormError } from "@/components/form-error";
import { Button } from "@/components/ui/button";

export function AcceptInvite({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function accept() {
    setPending(true);
    const r = await apiFetch<{ team: { id: string } }>(`/api/invites/${token}/accept`, { method: "POST" });
    setPending(false);
    if (!r.ok) return setError(r.message);
    router.push(`/team/${r.data.team.id}`);
    router.refresh();
  }

  return (
    <div className="grid gap-3">
      <FormError message={error} />
      <Button onClick={() => void accept()} disabled={pending}>{pending ? "Joining…" : "Accept invitation"}</Button>
    </div>
  );
}
