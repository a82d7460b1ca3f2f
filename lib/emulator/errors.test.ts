import { describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../authy/responses';
import { api, call, testEmulator } from '@/test/support/emulator';

const emulator = testEmulator({ events: 2_000 });

async function expectError(path: string, status: number, code: string, names?: string) {
  const res = await call(emulator, path);
  expect(res.status).toBe(status);
  const body = errorResponseSchema.parse(res.json());
  expect(body.error_code).toBe(code);
  expect(body.errors?.message).toBe(body.message);
  if (names) expect(body.message).toContain(names);
  return body;
}

describe('invalid parameters (60004, 400) name the parameter', () => {
  it.each([
    ['an unknown operator', api('events', 'query[event][zz]=token_verified'), 'query[event][zz]'],
    ['per_page 101', api('events', 'per_page=101'), 'per_page'],
    ['per_page 0', api('events', 'per_page=0'), 'per_page'],
    ['page 101', api('events', 'page=101'), 'page'],
    ['page that is not a number', api('events', 'page=two'), 'page'],
    ['interval fortnight', api('date_histogram', 'report[a][event][eq]=user_added&interval=fortnight'), 'interval'],
    ['a malformed bracket key', api('events', 'query[event]=token_verified'), 'query[event]'],
    ['a report key without operator', api('date_histogram', 'report[a][event]=x'), 'report[a][event]'],
    ['size 101', api('terms', 'field=event&size=101'), 'size'],
    ['a time that is not ISO 8601', api('terms', 'field=event&scope[time][gte]=yesterday'), 'scope[time][gte]'],
    ['a bad boolean', api('events', 'query[objects.user.b_banned][eq]=yes'), 'query[objects.user.b_banned][eq]'],
    ['a bracket left open in the attribute', api('events', 'query[event[eq]=token_verified'), 'query[event[eq]'],
    ['a bracket left open at the end', api('events', 'query[event][eq=token_verified'), 'query[event][eq'],
    ['a bracket closed too soon', api('events', 'query]event[eq]=token_verified'), 'query]event[eq]'],
    ['a scope with a bracket left open', api('terms', 'field=event&scope[time][gte=2019-01-01'), 'scope[time][gte'],
    [
      'a report with a bracket left open',
      api('date_histogram', 'report[a][event][eq]=user_added&report[b[event][eq]=token_verified'),
      'report[b[event][eq]',
    ],
    ['a report with the name missing', api('date_histogram', 'report[event][eq]=user_added'), 'report[event][eq]'],
    ['a condition with no brackets', api('events', 'query=token_verified'), 'query'],
  ])('%s', async (_label, path, parameter) => {
    await expectError(path, 400, '60004', parameter);
  });

  it('never answers a query it could not read: the open bracket would otherwise drop the filter', async () => {
    const res = await call(emulator, api('events', 'query[event[eq]=token_verified&per_page=5'));
    expect(res.status).toBe(400);
    expect(res.json()).not.toHaveProperty('events');
  });
});

describe('invalid requests (60002, 400)', () => {
  it('a histogram without a report', async () => {
    await expectError(api('date_histogram', 'interval=day'), 400, '60002', 'report');
  });

  it('terms without a field', async () => {
    await expectError(api('terms', 'size=5'), 400, '60002', 'field');
  });
});

describe('keys and paths', () => {
  it('refuses a missing key with 60001/401', async () => {
    const res = await call(emulator, api('events'), { key: null });
    expect(res.status).toBe(401);
    expect(errorResponseSchema.parse(res.json()).error_code).toBe('60001');
  });

  it('refuses a wrong key with 60001/401', async () => {
    await expect(call(emulator, api('events'), { key: 'nope' }).then((r) => r.status)).resolves.toBe(401);
  });

  it.each(['/protected/json/reporting/nope', '/protected/yaml/reporting/events', '/elsewhere', '/__emulator/nope'])(
    'answers %s with a 404 JSON error',
    async (path) => {
      const res = await call(emulator, path);
      expect(res.status).toBe(404);
      expect(errorResponseSchema.parse(res.json()).success).toBe(false);
    },
  );

  it('ignores unknown extra parameters, as upstream', async () => {
    const res = await call(emulator, api('events', 'per_page=3&utm_source=x&fields=all'));
    expect(res.status).toBe(200);
    expect((res.json() as { events: unknown[] }).events).toHaveLength(3);
  });

  it('refuses methods other than GET', async () => {
    const res = await call(emulator, api('events'), { method: 'POST', body: '' });
    expect(res.status).toBe(405);
  });

  it('counts rejections by reason', async () => {
    const fresh = testEmulator({ events: 500 });
    await call(fresh, api('events'), { key: 'bad' });
    await call(fresh, api('terms', 'size=3'));
    await call(fresh, api('events', 'per_page=500'));
    await call(fresh, api('date_histogram', 'report[a][event][eq]=user_added'));
    expect(fresh.stats()).toEqual({
      requests: { events: 2, date_histogram: 1, terms: 1 },
      rejected: { rate_limited: 0, invalid_key: 1, invalid_request: 2 },
    });
  });
});
