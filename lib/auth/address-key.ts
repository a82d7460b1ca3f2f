/**
 * The key a client address is counted under by the sign-in throttle. An IPv6 client usually
 * holds a whole /64 and can pick a new address in it for every request, so IPv6 addresses
 * count by their /64; IPv4 addresses count alone. An unknown address (no server.mjs) is one key.
 */
import { isIPv6 } from 'node:net';

export function addressKey(address: string | null): string {
  if (!address) return 'unknown';
  if (!isIPv6(address)) return address;
  const [head, tail] = address.split('%')[0].toLowerCase().split('::');
  const groups = (part: string | undefined) =>
    part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : [];
  const front = groups(head);
  const back = groups(tail);
  const full = tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill('0'), ...back];
  return `${full
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
