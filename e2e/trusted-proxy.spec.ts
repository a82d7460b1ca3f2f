/**
 * Behind a trusted proxy: a second server, started here with TRUST_PROXY=loopback, answers
 * requests that carry the proxy's X-Forwarded-Proto and X-Forwarded-For. The session cookie is
 * Secure because the proxy says the browser came over HTTPS, and the sign-in is logged with the
 * address the proxy forwarded. The same headers sent to the suite's own server (TRUST_PROXY off,
 * so any client could have written them) change nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, request as http, test, type APIResponse } from '@playwright/test';

const PROXY_HEADERS = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7' };
const DEMO = { username: 'demo', password: 'demo' };

let server: ChildProcess;
let origin: string;
let dataDir: string;
const logLines: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(path.join(tmpdir(), 'e2e-trusted-proxy-'));
  server = spawn(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, TRUST_PROXY: 'loopback', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server.stdout?.setEncoding('utf8').on('data', (chunk: string) => logLines.push(...chunk.split('\n')));
  await expect
    .poll(
      () =>
        fetch(`${origin}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 90_000 },
    )
    .toBe(200);
});

test.afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const sessionCookie = (response: APIResponse) =>
  response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value)
    .find((v) => v.startsWith('authy_dashboard_session='));

test('a trusted proxy’s headers make the cookie Secure and name the client in the log', async () => {
  const client = await http.newContext({
    baseURL: origin,
    extraHTTPHeaders: PROXY_HEADERS,
    storageState: { cookies: [], origins: [] },
  });
  await expect((await client.get('/login')).text()).resolves.not.toContain('not encrypted');
  const response = await client.post('/api/session', { data: DEMO });
  expect(response.status()).toBe(200);
  expect(sessionCookie(response)).toMatch(/; Secure/i);
  await expect
    .poll(() => logLines.map((l) => (l.includes('"signed in"') ? JSON.parse(l) : null)).find(Boolean))
    .toMatchObject({ user: 'demo', address: '203.0.113.7', protocol: 'https' });
  await client.dispose();
});

test('the same headers from an untrusted client change nothing, nor does a forged peer stamp', async ({ request }) => {
  const response = await request.post('/api/session', {
    data: DEMO,
    headers: { ...PROXY_HEADERS, 'X-Authy-Peer': 'https 203.0.113.9' },
  });
  expect(response.status()).toBe(200);
  expect(sessionCookie(response)).toBeDefined();
  expect(sessionCookie(response)).not.toMatch(/; Secure/i);
});
