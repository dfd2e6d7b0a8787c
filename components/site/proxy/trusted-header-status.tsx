import { CircleCheck, TriangleAlert } from "lucide-react";
import { InlineCode } from "./inline-code";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

/**
 * Whether this deployment believes the header a setup sends. Read from the
 * server's environment: the one setting a site owner cannot see from outside.
 */
export function TrustedHeaderStatus({ configured, expected }: { configured: string | null; expected: string }) {
  const setting = <InlineCode>TRUSTED_IP_HEADER={expected}</InlineCode>;
  if (configured === expected) {
    return (
      <Alert variant="success" data-testid="trusted-header-status">
        <CircleCheck />
        <AlertTitle>This Trailmark trusts {expected}</AlertTitle>
        <AlertDescription>
          <p>
            {setting} is set on this deployment: visitors who come through the proxy are counted with their own
            address, so with their own country, region and city.
          </p>
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert className="border-amber-500/40 bg-amber-500/5 [&>svg]:text-amber-600" data-testid="trusted-header-status">
      <TriangleAlert />
      <AlertTitle>
        {configured ? `This Trailmark trusts ${configured}, not ${expected}` : "TRUSTED_IP_HEADER is not set on this Trailmark"}
      </AlertTitle>
      <AlertDescription>
        <p>
          Without it Trailmark uses the address that connects to it, which behind a proxy is the proxy&apos;s: every
          visitor would share one address and the proxy&apos;s location. Whoever runs this Trailmark sets {setting} in
          its environment and restarts it.
        </p>
      </AlertDescription>
    </Alert>
  );
}
