import type { IncomingMessage } from 'node:http';

/** The header through which the custom server tells route handlers who is calling. */
export const CLIENT_ADDRESS_HEADER = 'x-grimoire-client-address';

/**
 * The caller's IP address as the custom server sees it: the socket's peer, or with
 * `TRUST_PROXY=1` (behind a reverse proxy) the last address the proxy appended to
 * X-Forwarded-For. Whatever a client sent in our own header is overwritten.
 */
export function stampClientAddress(request: IncomingMessage, trustProxy: boolean): void {
  let address = request.socket.remoteAddress ?? 'unknown';
  if (trustProxy) {
    const forwarded = request.headers['x-forwarded-for'];
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((hop) => hop.trim()).filter(Boolean);
    address = hops.at(-1) ?? address;
  }
  request.headers[CLIENT_ADDRESS_HEADER] = address.replace(/^::ffff:/, '');
}

/** Read back in a route handler. */
export function clientAddressOf(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}
