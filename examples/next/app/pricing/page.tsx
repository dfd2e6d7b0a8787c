import Link from "next/link";
import { Buy } from "./buy";

export default function Pricing() {
  return (
    <main>
      <h1>Pricing</h1>
      <p>Pro: $49 a month.</p>
      <Buy plan="pro" />
      <Link href="/">Back home</Link>
    </main>
  );
}
