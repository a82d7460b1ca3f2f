/**
 * One window definition: "last 30 days" is the same window on every page. Each page's requests
 * are built by the page's own builders (app/(dashboard)/page-requests.ts), sent through the
 * routes' input parsing and the service with a fixed clock, and the time bounds that reach the
 * upstream are compared: the overview's histogram (its current period), its terms, the events
 * page, the histogram page and the terms page all ask for the same [from, to), which never
 * reaches past now; the overview's bucket links end there too.
 */
import { describe, expect, it } from 'vitest';
import { pageRequests } from '@/app/(dashboard)/page-requests';
import { parseInterval, type Interval } from '@/lib/authy/interval';
import { bucketSpec } from '@/lib/queries/drill-down';
import { resolveRange } from '@/lib/ranges';
import { reportingRequest } from '@/lib/reporting/route-input';
import { ManualClock, fakeUpstream } from '@/test/support/fakes';
import { testService } from '@/test/support/services';

const NOW = Date.parse('2024-11-30T12:03:20.000Z');
const PAGES = ['/?range=30d', '/events?range=30d', '/histogram?range=30d', '/terms?range=30d&field=event'];

/** Every [gte, lt) pair of `time` conditions of a scope (or an events query) the upstream was asked for. */
function windowsAsked(url: URL): string[] {
  // A report's own time condition (the catch-all report's `time >= 1970`) selects events, not the window.
  const params = [...url.searchParams].filter(([k]) => /^(scope|query)\[/.test(k));
  const gte = params.filter(([k]) => /\[time\]\[gte\]$/.test(k)).map(([, v]) => v);
  const lt = params.filter(([k]) => /\[time\]\[lt\]$/.test(k)).map(([, v]) => v);
  return gte.map((from, i) => `${from} – ${lt[i]}`);
}

describe('"last 30 days"', () => {
  it('is the same window on every page, ending at now floored to its snap', async () => {
    const upstream = fakeUpstream();
    const { service } = testService({ fetch: upstream.fetch, clock: new ManualClock(NOW) });
    const expected = resolveRange('30d', NOW);
    const want = `${new Date(expected.from).toISOString()} – ${new Date(expected.to).toISOString()}`;
    expect(want).toBe('2024-11-01T00:00:00.000Z – 2024-11-30T12:00:00.000Z');

    const answered: Record<string, string[]> = {};
    for (const page of PAGES) {
      const built = pageRequests(page, NOW);
      if (!built.ok) throw new Error(built.problem.message);
      for (const r of built.requests) {
        const url = new URL(r.url, 'http://dashboard.invalid');
        const endpoint = url.pathname.split('/').pop() as 'events' | 'terms' | 'date_histogram';
        const result = await service.ask(reportingRequest(endpoint, [...url.searchParams]));
        const window = result.meta.window;
        answered[`${page} ${endpoint}`] = window ? [`${window.from} – ${window.to}`] : [];
      }
    }
    for (const [request, windows] of Object.entries(answered))
      expect({ request, windows }).toEqual({ request, windows: [want] });
    // What reached the upstream: the same window, and for the overview's histogram the same elapsed span before it.
    const asked = upstream.calls.flatMap(windowsAsked);
    expect(asked.filter((w) => w !== want)).toEqual([
      `${new Date(2 * expected.from - expected.to).toISOString()} – ${new Date(expected.to).toISOString()}`,
    ]);
  });

  it('links its open last bucket to the events up to now, not into the future', () => {
    const window = resolveRange('30d', NOW);
    const day = parseInterval('day') as Interval;
    expect(bucketSpec(Date.UTC(2024, 10, 30), day, window)).toEqual({
      kind: 'absolute',
      from: '2024-11-30T00:00:00.000Z',
      to: '2024-11-30T12:00:00.000Z',
    });
  });
});
