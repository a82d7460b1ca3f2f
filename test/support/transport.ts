/** For tests: the headers Next sees for a request that came through server.mjs from `remoteAddress`. */
import type { IncomingMessage } from 'node:http';
import { stampPeer } from '@/lib/transport/peer.mjs';

export function stampedHeaders(
  remoteAddress: string,
  headers: Record<string, string> = {},
  encrypted = false,
): Headers {
  const request = {
    socket: { remoteAddress, encrypted },
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    rawHeaders: Object.entries(headers).flat(),
  };
  stampPeer(request as unknown as IncomingMessage);
  return new Headers(request.headers);
}
