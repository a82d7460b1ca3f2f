/**
 * Who sent a request, and over what: the TCP peer from server.mjs's stamp, then, hop by hop
 * and only while each hop is trusted (TRUST_PROXY), X-Forwarded-For; X-Forwarded-Proto counts
 * when the peer itself is trusted (Express's reading of both). Without the stamp (plain
 * `next start`, `next dev`) the address is unknown and the protocol is taken to be http.
 */
import 'server-only';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { log } from '../log';
import { PEER_HEADER, peerStamped } from './peer.mjs';
import { trustFunction, type TrustFunction, type TrustProxy } from './trust-proxy';

export type Protocol = 'http' | 'https';

export type Client = {
  /** The client's IP address; null when the process was not started through server.mjs. */
  address: string | null;
  protocol: Protocol;
};

type HeaderReader = { get(name: string): string | null };

const protocolSchema = z.enum(['http', 'https']);
const peerSchema = z
  .string()
  .transform((value) => value.split(' '))
  .pipe(z.tuple([protocolSchema, z.string().refine((address) => isIP(address) !== 0)]));

const compiled = new WeakMap<TrustProxy, TrustFunction>();
let warned = false;

export function resolveClient(headers: HeaderReader, trust: TrustProxy): Client {
  const peer = peerStamped() ? peerSchema.safeParse(headers.get(PEER_HEADER)) : undefined;
  if (!peer?.success) {
    if (!warned) {
      warned = true;
      log.warn('client addresses are unknown: start the dashboard with `npm start` (server.mjs), not `next start`');
    }
    return { address: null, protocol: 'http' };
  }
  const [peerProtocol, peerAddress] = peer.data;
  const trusts = trustsOf(trust);
  const request = {
    socket: { remoteAddress: peerAddress },
    headers: { 'x-forwarded-for': headers.get('x-forwarded-for') ?? undefined },
  };
  const named = proxyaddr(request as unknown as IncomingMessage, trusts);
  const address = unmapped(isIP(named) ? named : peerAddress);
  const claimed = protocolSchema.safeParse(headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase());
  const protocol = trusts(peerAddress, 0) && claimed.success ? claimed.data : peerProtocol;
  return { address, protocol };
}

/**
 * The host the client addressed: X-Forwarded-Host when the peer is a trusted proxy, else Host.
 * Without server.mjs's stamp no peer is known, so no forwarded header counts.
 */
export function requestHost(headers: HeaderReader, trust: TrustProxy): string | null {
  const host = headers.get('host');
  const peer = peerStamped() ? peerSchema.safeParse(headers.get(PEER_HEADER)) : undefined;
  if (!peer?.success) return host;
  const forwarded = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded && trustsOf(trust)(peer.data[1], 0) ? forwarded : host;
}

function trustsOf(trust: TrustProxy): TrustFunction {
  let trusts = compiled.get(trust);
  if (!trusts) compiled.set(trust, (trusts = trustFunction(trust)));
  return trusts;
}

/** `::ffff:192.0.2.1` is the IPv4 client 192.0.2.1 on a dual-stack socket. */
function unmapped(address: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return v4 ? v4[1] : address;
}
