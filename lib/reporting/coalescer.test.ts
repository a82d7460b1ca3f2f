import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { Report } from '../authy/bracket-codec';
import type { HistogramResponse } from '../authy/responses';
import type { HistogramQuery } from '../authy/schemas';
import { HistogramCoalescer, planBatches, splitResponse } from './coalescer';
import type { Ticket } from './limiter';
import { buckets, settle } from '@/test/support/fakes';

const ticket: Ticket = { priority: 'interactive' };
const report = (name: string, event: string): Report => ({
  name,
  conditions: [{ attribute: 'event', operator: 'eq', value: event }],
});
const query = (...reports: Report[]): HistogramQuery => ({
  reports,
  scope: [],
  interval: 'day',
  page: 1,
  per_page: 100,
});
const member = (q: HistogramQuery) => ({ query: q, ticket, resolve: () => {}, reject: () => {} });

/** Answers any merged query with distinct buckets per series name. */
function fakeFetch() {
  const calls: HistogramQuery[] = [];
  const fetch = async (q: HistogramQuery): Promise<HistogramResponse> => {
    calls.push(q);
    return {
      interval: q.interval,
      reports: Object.fromEntries(q.reports.map((r) => [r.name, buckets(r.conditions[0].value, 2)])),
      success: true,
    };
  };
  return { fetch, calls };
}

describe('planBatches', () => {
  it('renames colliding names and asks for identical series once', () => {
    const [batch] = planBatches([
      member(query(report('a', 'token_verified'))),
      member(query(report('a', 'token_invalid'))),
      member(query(report('same', 'token_verified'))),
    ]);
    expect(batch.reports.map((r) => r.name)).toEqual(['a', 'a_2']);
    expect(batch.members.map((m) => [...m.names])).toEqual([[['a', 'a']], [['a', 'a_2']], [['same', 'a']]]);
  });

  it('keeps renamed names within 64 characters', () => {
    const long = 'n'.repeat(64);
    const [batch] = planBatches([member(query(report(long, 'x'))), member(query(report(long, 'y')))]);
    expect(batch.reports[1].name).toHaveLength(64);
    expect(batch.reports[1].name.endsWith('_2')).toBe(true);
  });

  it('never puts more than 20 series in one call, and never splits a request', () => {
    const members = Array.from({ length: 9 }, (_, i) =>
      member(query(...Array.from({ length: 3 }, (_, j) => report(`r${j}`, `event_${i}_${j}`)))),
    );
    const batches = planBatches(members);
    expect(batches.every((b) => b.reports.length <= 20)).toBe(true);
    expect(batches.flatMap((b) => b.members)).toHaveLength(9);
    expect(batches).toHaveLength(2);
  });
});

describe('splitResponse', () => {
  it('gives each request its own series under its own names, empty when the upstream left one out', () => {
    const merged: HistogramResponse = {
      interval: 'day',
      reports: { a: buckets('a', 2), a_2: buckets('b', 3) },
      success: true,
    };
    const split = splitResponse(
      merged,
      new Map([
        ['mine', 'a_2'],
        ['missing', 'zz'],
      ]),
    );
    expect(split.reports).toEqual({ mine: merged.reports.a_2, missing: [] });
  });
});

describe('HistogramCoalescer', () => {
  it('merges requests that share interval, scope and page into one call and splits it back', async () => {
    const { fetch, calls } = fakeFetch();
    const coalescer = new HistogramCoalescer(fetch, 5);
    const [a, b, c] = await Promise.all([
      coalescer.request(query(report('verified', 'token_verified')), ticket),
      coalescer.request(query(report('invalid', 'token_invalid')), ticket),
      coalescer.request(query(report('verified', 'user_added')), ticket),
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0].reports).toHaveLength(3);
    expect(a.reports).toEqual({ verified: buckets('token_verified', 2) });
    expect(b.reports).toEqual({ invalid: buckets('token_invalid', 2) });
    expect(c.reports).toEqual({ verified: buckets('user_added', 2) });
  });

  it('keeps requests with a different scope, interval or page apart', async () => {
    const { fetch, calls } = fakeFetch();
    const coalescer = new HistogramCoalescer(fetch, 5);
    const base = query(report('a', 'token_verified'));
    await Promise.all([
      coalescer.request(base, ticket),
      coalescer.request({ ...base, interval: 'hour' }, ticket),
      coalescer.request({ ...base, page: 2 }, ticket),
      coalescer.request(
        { ...base, scope: [{ attribute: 'objects.user.s_country_code', operator: 'eq', value: '1' }] },
        ticket,
      ),
    ]);
    expect(calls).toHaveLength(4);
  });

  it('sends a merged call at the highest class of its members, for all of their users', async () => {
    const seen: Ticket[] = [];
    const coalescer = new HistogramCoalescer(async (q, t) => {
      seen.push({ priority: t.priority, users: t.users });
      return { interval: q.interval, reports: {}, success: true };
    }, 5);
    await Promise.all([
      coalescer.request(query(report('a', 'x')), { priority: 'background', users: ['ana'] }),
      coalescer.request(query(report('b', 'y')), { priority: 'mau', users: ['bo', 'ana'] }),
      coalescer.request(query(report('c', 'z')), { priority: 'backfill' }),
    ]);
    expect(seen).toEqual([{ priority: 'backfill', users: ['ana', 'bo'] }]);
  });

  it('does not merge requests that arrive after the window', async () => {
    const { fetch, calls } = fakeFetch();
    const coalescer = new HistogramCoalescer(fetch, 5);
    const first = coalescer.request(query(report('a', 'x')), ticket);
    await settle(30);
    await Promise.all([first, coalescer.request(query(report('b', 'y')), ticket)]);
    expect(calls).toHaveLength(2);
  });

  it('retries members one by one when the merged call is refused as a bad request', async () => {
    const calls: HistogramQuery[] = [];
    const coalescer = new HistogramCoalescer(async (q) => {
      calls.push(q);
      if (q.reports.some((r) => r.conditions[0].value === 'bad')) throw new ApiError('bad_request', 'nope');
      return { interval: q.interval, reports: { [q.reports[0].name]: [] }, success: true };
    }, 5);
    const [good, bad] = await Promise.allSettled([
      coalescer.request(query(report('good', 'ok')), ticket),
      coalescer.request(query(report('bad', 'bad')), ticket),
    ]);
    expect(good.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    expect(calls).toHaveLength(3);
  });

  it('fails every member when the merged call fails otherwise', async () => {
    const coalescer = new HistogramCoalescer(async () => {
      throw new ApiError('upstream_error', 'down');
    }, 5);
    const results = await Promise.allSettled([
      coalescer.request(query(report('a', 'x')), ticket),
      coalescer.request(query(report('b', 'y')), ticket),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
