import Link from "next/link";
import { SignUp } from "./sign-up";

export default function Home() {
  return (
    <main>
      <h1>Acme</h1>
      <p>Analytics that knows which visit paid.</p>
      <Link href="/pricing">See pricing</Link>
      <SignUp />
    </main>
  );
}
