/**
 * Secrets fed through the app's logger configuration never reach the output, whatever shape
 * the careless call site gives them.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@/lib/log';

const API_KEY = 'd57d919d11e6b221c9bf6f7c882028f9';
const SESSION_SECRET = 'session-secret-0123456789-abcdefghijkl';
const PASSWORD = 'correct horse battery staple';
const COOKIE = 'authy-dashboard-session=Fe26.2**sealed-cookie-value';
const TOKEN = 'metrics-token-0123456789abcdef';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), output: () => lines.join('') };
}

describe('logger redaction', () => {
  it('redacts secrets at the top level, one object down and in headers', () => {
    const { log, output } = capture();
    log.info({ apiKey: API_KEY, password: PASSWORD, secret: SESSION_SECRET, token: TOKEN }, 'top level');
    log.info({ upstream: { apiKey: API_KEY }, user: { password: PASSWORD }, session: { cookie: COOKIE } }, 'nested');
    log.info(
      {
        headers: {
          'x-authy-api-key': API_KEY,
          cookie: COOKIE,
          authorization: `Bearer ${TOKEN}`,
          'set-cookie': COOKIE,
          accept: 'json',
        },
      },
      'headers',
    );
    log.info(
      { req: { headers: { 'x-authy-api-key': API_KEY, cookie: COOKIE, authorization: `Bearer ${TOKEN}` } } },
      'req',
    );
    log.warn(
      {
        settings: { AUTHY_API_KEY: API_KEY, SESSION_SECRET, METRICS_TOKEN: TOKEN, DASHBOARD_ADMIN_PASSWORD: PASSWORD },
      },
      'env',
    );
    const text = output();
    for (const secret of [API_KEY, SESSION_SECRET, PASSWORD, COOKIE, TOKEN]) expect(text).not.toContain(secret);
    expect(text.match(/\[redacted\]/g)?.length).toBe(18);
    // What is not secret still gets through, as JSON lines.
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatchObject({ msg: 'headers', headers: { accept: 'json' }, service: 'authy-dashboard' });
  });
});
