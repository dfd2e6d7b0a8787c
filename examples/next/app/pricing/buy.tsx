"use client";
import { useTrailmark } from "@trailmark/react";
import { useState } from "react";

/**
 * A checkout that passes the visitor id to the server. With Stripe you would
 * put it in the Checkout Session's metadata as trailmark_visitor_id; here the
 * server records the payment through @trailmark/node.
 */
export function Buy({ plan }: { plan: string }) {
  const { visitorId } = useTrailmark();
  const [status, setStatus] = useState("");
  async function buy() {
    const res = await fetch("/api/checkout", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ plan, visitorId: visitorId() }) });
    setStatus(res.ok ? "Paid, thank you!" : "Payment failed");
  }
  return (
    <p>
      <button onClick={buy}>Buy {plan}</button> <span role="status">{status}</span>
    </p>
  );
}
