import type { NextRequest } from "next/server";
import { ApiError, toErrorResponse } from "@/lib/http/errors";
import { getCurrentUser, type CurrentUser } from "./current-user";
import { assertSameOrigin } from "./origin";

export type RouteParams = Record<string, string>;
export type RouteContext<P extends RouteParams = RouteParams> = { params: Promise<P> };

type SessionHandler<P extends RouteParams> = (req: NextRequest, ctx: { user: CurrentUser; params: P }) => Promise<Response>;

/** Dashboard API routes: same-origin check, signed-in user, JSON errors. */
export function withSession<P extends RouteParams = RouteParams>(handler: SessionHandler<P>) {
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    try {
      assertSameOrigin(req);
      const user = await getCurrentUser();
      if (!user) throw new ApiError(401, "unauthorized", "Sign in first");
      return await handler(req, { user, params: await ctx.params });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
