/**
 * Route handlers cannot see the socket, so scripts/server.mjs copies the peer
 * address into this header, overwriting whatever a client sent in it.
 */
export const SOCKET_IP_HEADER = "x-trailmark-socket-ip";

export function socketIpOf(req: Request): string | null {
  return req.headers.get(SOCKET_IP_HEADER);
}
