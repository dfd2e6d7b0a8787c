"use client";

import type { WebsiteDTO } from "@/lib/websites/types";
import { trackerFile } from "@/components/tracking-snippet";
import { useOrigin } from "@/components/use-origin";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { SetupPanel } from "./setup-panel";
import { PROXY_SETUPS } from "./setups";
import { WhyProxy } from "./why-proxy";

/**
 * The "proxy on your own domain" page: why, then one tab per platform with its
 * config filled in for this deployment and site. `trustedIpHeader` is the
 * server's TRUSTED_IP_HEADER (null when unset), shown so the owner knows
 * whether the proxy's header will be believed.
 */
export function ProxyGuide({ website, trustedIpHeader }: { website: WebsiteDTO; trustedIpHeader: string | null }) {
  const origin = useOrigin();
  const input = { origin, websiteId: website.id, domain: website.domain, settings: website.settings };
  return (
    <div className="grid gap-6">
      <WhyProxy domain={website.domain} origin={origin} />
      <Card>
        <CardHeader>
          <CardTitle>Set it up</CardTitle>
          <CardDescription>
            Pick where {website.domain} runs. Each setup is filled in with this Trailmark&apos;s address and this
            site&apos;s id; paste it as it is.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Tabs defaultValue={PROXY_SETUPS[0].id} className="gap-5">
            <TabsList className="h-auto max-w-full flex-wrap justify-start">
              {PROXY_SETUPS.map((setup) => (
                <TabsTrigger key={setup.id} value={setup.id} className="h-7">
                  {setup.label}
                </TabsTrigger>
              ))}
            </TabsList>
            {PROXY_SETUPS.map((setup) => (
              <TabsContent key={setup.id} value={setup.id}>
                <SetupPanel setup={setup} input={input} trustedIpHeader={trustedIpHeader} />
              </TabsContent>
            ))}
          </Tabs>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Check it works</CardTitle>
          <CardDescription>
            Open {website.domain} with the browser&apos;s network panel: <span className="font-mono">/js/{trackerFile(website.settings)}</span>{" "}
            and a <span className="font-mono">POST /api/track</span> answered with 202 go to {website.domain}, none to
            Trailmark&apos;s host. Your visit then shows in this site&apos;s overview with your own country.
          </CardDescription>
        </CardHeader>
      </Card>
    </div>
  );
}
