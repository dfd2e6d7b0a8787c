import { errorResponse } from "@/lib/http/errors";
import { billingEnabled } from "./config";

/** Billing routes exist only with billing on: otherwise 404 before anything else is looked at. */
export function billingOnly<R extends Request, A extends unknown[]>(handler: (req: R, ...rest: A) => Promise<Response>) {
  return (req: R, ...rest: A): Promise<Response> =>
    billingEnabled() ? handler(req, ...rest) : Promise.resolve(errorResponse(404, "not_found", "Billing is not enabled on this server"));
}
