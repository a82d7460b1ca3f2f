import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSettings } from '../env';
import { requestHost, resolveClient } from './client';
import { PEER_HEADER, stampPeer } from './peer.mjs';
import { stampedHeaders } from '@/test/support/transport';

const STAMPING = Symbol.for('authy-dashboard.peer-stamping');
const trust = (value?: string) => parseSettings(value ? { TRUST_PROXY: value } : {}).TRUST_PROXY;

/** What server.mjs does to a request from `remoteAddress` carrying `headers`, as Next then sees it. */
const stamped = stampedHeaders;

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[STAMPING];
});

describe('resolveClient', () => {
  it('is the peer, over http, with TRUST_PROXY off, whatever forwarded headers say', () => {
    const headers = stamped('192.0.2.10', { 'X-Forwarded-For': '203.0.113.5', 'X-Forwarded-Proto': 'https' });
    expect(resolveClient(headers, trust())).toEqual({ address: '192.0.2.10', protocol: 'http' });
  });

  it('drops a client-sent copy of the stamp: the socket is what counts', () => {
    const request = {
      socket: { remoteAddress: '192.0.2.10' },
      headers: { [PEER_HEADER]: 'https 10.9.9.9, https 10.9.9.8' },
      rawHeaders: [PEER_HEADER, 'https 10.9.9.9', 'X-Authy-Peer', 'https 10.9.9.8', 'Host', 'dashboard.test'],
    };
    stampPeer(request as unknown as IncomingMessage);
    expect(request.headers[PEER_HEADER]).toBe('http 192.0.2.10');
    expect(request.rawHeaders).toEqual(['Host', 'dashboard.test', PEER_HEADER, 'http 192.0.2.10']);
    const headers = stamped('192.0.2.10', { [PEER_HEADER]: 'https 10.9.9.9' });
    expect(resolveClient(headers, trust())).toEqual({ address: '192.0.2.10', protocol: 'http' });
  });

  it('ignores the header when the process was not started through server.mjs', () => {
    const headers = new Headers({ [PEER_HEADER]: 'https 10.9.9.9', 'x-forwarded-for': '10.9.9.9' });
    expect(resolveClient(headers, trust('loopback'))).toEqual({ address: null, protocol: 'http' });
  });

  it('reads the forwarded headers of a trusted proxy', () => {
    const headers = stamped('127.0.0.1', { 'x-forwarded-for': '203.0.113.5', 'x-forwarded-proto': 'https' });
    expect(resolveClient(headers, trust('loopback'))).toEqual({ address: '203.0.113.5', protocol: 'https' });
  });

  it('stops at the first untrusted hop, so an address the client wrote in front is not believed', () => {
    // The client sent "X-Forwarded-For: 10.0.0.1"; the trusted proxy appended the address it saw.
    const headers = stamped('127.0.0.1', { 'x-forwarded-for': '10.0.0.1, 198.51.100.7' });
    expect(resolveClient(headers, trust('loopback')).address).toBe('198.51.100.7');
    expect(resolveClient(headers, trust('loopback, 198.51.100.0/24')).address).toBe('10.0.0.1');
  });

  it('counts hops from this server', () => {
    const headers = stamped('10.0.0.2', { 'x-forwarded-for': '203.0.113.5, 10.0.0.1' });
    expect(resolveClient(headers, trust('1')).address).toBe('10.0.0.1');
    expect(resolveClient(headers, trust('2')).address).toBe('203.0.113.5');
    expect(resolveClient(headers, trust('5')).address).toBe('203.0.113.5');
  });

  it('ignores the protocol claimed through an untrusted peer, and keeps the socket’s own', () => {
    expect(resolveClient(stamped('192.0.2.1', { 'x-forwarded-proto': 'https' }), trust('loopback')).protocol).toBe(
      'http',
    );
    expect(resolveClient(stamped('192.0.2.1', {}, true), trust()).protocol).toBe('https');
    expect(resolveClient(stamped('127.0.0.1', { 'x-forwarded-proto': 'gopher' }), trust('loopback')).protocol).toBe(
      'http',
    );
    expect(resolveClient(stamped('127.0.0.1', { 'x-forwarded-proto': 'HTTPS, http' }), trust('1')).protocol).toBe(
      'https',
    );
  });

  it('falls back to the nearest trusted hop when a proxy forwarded something that is not an address', () => {
    expect(resolveClient(stamped('127.0.0.1', { 'x-forwarded-for': 'unknown' }), trust('loopback')).address).toBe(
      '127.0.0.1',
    );
  });

  it('reports IPv4 clients of a dual-stack socket as IPv4', () => {
    expect(resolveClient(stamped('::ffff:192.0.2.44'), trust()).address).toBe('192.0.2.44');
  });
});

describe('requestHost', () => {
  it('takes X-Forwarded-Host from a trusted proxy only', () => {
    const forwarded = { host: 'internal:3000', 'x-forwarded-host': 'dashboard.example, other' };
    expect(requestHost(stamped('127.0.0.1', forwarded), trust('loopback'))).toBe('dashboard.example');
    // An untrusted peer, or no proxy trusted at all: the client's own claim does not count.
    expect(requestHost(stamped('192.0.2.1', forwarded), trust('loopback'))).toBe('internal:3000');
    expect(requestHost(stamped('127.0.0.1', forwarded), trust())).toBe('internal:3000');
  });

  it('is the Host header when no peer was stamped', () => {
    const headers = new Headers({ host: 'dashboard.test', 'x-forwarded-host': 'evil.example' });
    expect(requestHost(headers, trust('loopback'))).toBe('dashboard.test');
  });
});
