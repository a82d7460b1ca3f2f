import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { ALL_EVENTS_REPORT, allEventsCount } from './all-events';
import { isBackgroundFetch, reportingKeys } from './reporting';
import { histogramSearch, termsSearch } from './request-search';
import { timeEntries } from './time-spec';

describe('request builders', () => {
  it('sends a preset as range and no paging to the histogram route', () => {
    const search = histogramSearch({
      reports: [{ name: 'ok', conditions: [{ attribute: 'event', operator: 'eq', value: 'token_verified' }] }],
      scope: [{ attribute: 'objects.user.s_country_code', operator: 'eq', value: '44' }],
      interval: '1.5h',
      time: timeEntries({ kind: 'preset', range: '7d' }, 'scope'),
    });
    expect(decodeURIComponent(search.toString())).toBe(
      'report[ok][event][eq]=token_verified&scope[objects.user.s_country_code][eq]=44&interval=1.5h&range=7d',
    );
  });

  it('sends a custom window as scope[time] conditions', () => {
    const search = termsSearch({
      field: 'event',
      size: 5,
      scope: [],
      time: timeEntries(
        { kind: 'absolute', from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' },
        'scope',
      ),
    });
    expect(search.get('scope[time][gte]')).toBe('2025-01-01T00:00:00.000Z');
    expect(search.get('scope[time][lt]')).toBe('2025-01-02T00:00:00.000Z');
    expect(search.has('range')).toBe(false);
  });
});

describe('isBackgroundFetch', () => {
  const client = new QueryClient();
  const queryKey = reportingKeys.term({ field: 'event', size: 10, scope: [], time: { kind: 'preset', range: '30d' } });

  it('is never background for a first load, nor with auto-refresh off', () => {
    expect(isBackgroundFetch({ client, queryKey }, '1m')).toBe(false);
    client.setQueryData(queryKey, { terms: [] });
    expect(isBackgroundFetch({ client, queryKey }, 'off')).toBe(false);
  });

  it('marks an auto-refresh of data already shown as background', () => {
    client.setQueryData(queryKey, { terms: [] });
    expect(isBackgroundFetch({ client, queryKey }, '5m')).toBe(true);
  });
});

describe('allEventsCount', () => {
  const bucket = (timestamp: number, count: number) => ({ timestamp, time: new Date(timestamp).toISOString(), count });
  const reports = {
    all_events: [bucket(0, 5), bucket(100, 7), bucket(200, 11)],
    verified: [bucket(0, 1000)],
  };

  it('sums the all-events series, over the buckets starting in a window when given', () => {
    expect(allEventsCount(reports)).toBe(23);
    expect(allEventsCount(reports, { from: 100, to: 200 })).toBe(7);
  });

  it('is zero when the answer has no such series', () => {
    expect(allEventsCount({ verified: reports.verified })).toBe(0);
  });

  it('rides in histograms as a condition every event meets', () => {
    const search = histogramSearch({ reports: [ALL_EVENTS_REPORT], scope: [], interval: 'year', time: [] });
    expect(search.get('report[all_events][time][gte]')).toBe('1970-01-01T00:00:00.000Z');
  });
});
