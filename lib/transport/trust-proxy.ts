/**
 * TRUST_PROXY: which hops in front of the dashboard may say who the client is and how it
 * connected, in the convention Express and Grafana users know: off (the default), a hop count,
 * or addresses and CIDR ranges separated by commas, where `loopback`, `linklocal` and
 * `uniquelocal` name the usual private ranges. Parsed and checked with proxy-addr, the library
 * Express uses, so a typo stops the server at start instead of trusting the wrong hop.
 */
import proxyaddr from 'proxy-addr';
import { z } from 'zod';

export type TrustProxy = { kind: 'off' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: string[] };

/** Whether the hop `index` steps from this server (0: the TCP peer), at `address`, is trusted. */
export type TrustFunction = (address: string, index: number) => boolean;

const OFF = new Set(['off', 'false', '0', 'none']);

export const trustProxySchema = z
  .string()
  .optional()
  .transform((value, ctx): TrustProxy => {
    const text = value?.trim().toLowerCase() ?? '';
    if (!text || OFF.has(text)) return { kind: 'off' };
    if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) };
    if (text === 'true') {
      ctx.addIssue({
        code: 'custom',
        message: 'true would let any client name its own address: give a hop count or the proxies\u2019 addresses',
      });
      return z.NEVER;
    }
    const addresses = text.split(/[\s,]+/).filter(Boolean);
    try {
      proxyaddr.compile(addresses);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `${(error as Error).message} (off, a hop count, or addresses/CIDRs)` });
      return z.NEVER;
    }
    return { kind: 'addresses', addresses };
  });

export function trustFunction(trust: TrustProxy): TrustFunction {
  switch (trust.kind) {
    case 'off':
      return () => false;
    case 'hops':
      return (_address, index) => index < trust.hops;
    case 'addresses':
      return proxyaddr.compile(trust.addresses);
  }
}
