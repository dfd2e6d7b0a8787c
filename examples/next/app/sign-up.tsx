"use client";
import { useTrailmark } from "@trailmark/react";
import { useState } from "react";

export function SignUp() {
  const trailmark = useTrailmark();
  const [done, setDone] = useState(false);
  return (
    <button
      onClick={() => {
        trailmark.goal("signup", { plan: "free" });
        setDone(true);
      }}
    >
      {done ? "Welcome aboard" : "Sign up"}
    </button>
  );
}
