import { describe, expect, it } from 'vitest';
import { parseSettings } from '../env';
import { trustFunction } from './trust-proxy';

const trustOf = (value?: string) => parseSettings(value === undefined ? {} : { TRUST_PROXY: value }).TRUST_PROXY;

describe('TRUST_PROXY', () => {
  it('is off by default and for off, false, 0 and none', () => {
    for (const value of [undefined, 'off', 'false', '0', 'none', 'OFF'])
      expect(trustOf(value)).toEqual({ kind: 'off' });
    expect(trustFunction(trustOf())('127.0.0.1', 0)).toBe(false);
  });

  it('takes a hop count: the first N hops from this server are proxies', () => {
    const trusts = trustFunction(trustOf('2'));
    expect([trusts('203.0.113.9', 0), trusts('203.0.113.9', 1), trusts('203.0.113.9', 2)]).toEqual([true, true, false]);
  });

  it('takes addresses, CIDR ranges and the named ranges, separated by commas or spaces', () => {
    const trust = trustOf('loopback, 10.0.0.0/8 2001:db8::1');
    expect(trust).toEqual({ kind: 'addresses', addresses: ['loopback', '10.0.0.0/8', '2001:db8::1'] });
    const trusts = trustFunction(trust);
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '2001:db8::1'].map((a) => trusts(a, 0))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['192.0.2.1', '11.0.0.1', '2001:db8::2'].map((a) => trusts(a, 0))).toEqual([false, false, false]);
  });

  it('refuses a value that would trust anyone, and a malformed address, naming the variable', () => {
    expect(() => trustOf('true')).toThrow(/TRUST_PROXY: true would let any client name its own address/);
    expect(() => trustOf('10.0.0.0/33')).toThrow(/TRUST_PROXY: invalid range on address: 10.0.0.0\/33/);
    expect(() => trustOf('proxy.internal')).toThrow(/TRUST_PROXY: invalid IP address: proxy.internal/);
  });
});
