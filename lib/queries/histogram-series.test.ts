import { describe, expect, it } from 'vitest';
import { parseInterval, type Interval } from '@/lib/authy/interval';
import { fillBuckets, sumSeries, toSeriesRows } from './histogram-series';

const day = parseInterval('day') as Interval;
const bucket = (iso: string, count: number) => ({ timestamp: Date.parse(iso), time: iso, count });

describe('toSeriesRows', () => {
  const window = { from: Date.parse('2018-03-30T12:00:00Z'), to: Date.parse('2018-04-03T00:00:00Z') };

  it('draws missing buckets as zero over the whole window', () => {
    const rows = toSeriesRows(
      { a: [bucket('2018-03-31T00:00:00.000Z', 4), bucket('2018-04-02T00:00:00.000Z', 1)] },
      ['a'],
      window,
      day,
    );
    expect(rows.map((r) => [new Date(r.t).toISOString().slice(0, 10), r.a])).toEqual([
      ['2018-03-30', 0],
      ['2018-03-31', 4],
      ['2018-04-01', 0],
      ['2018-04-02', 1],
    ]);
  });

  it('gives a series the answer left out a column of zeros', () => {
    const rows = toSeriesRows({}, ['missing'], window, day);
    expect(rows.every((r) => r.missing === 0)).toBe(true);
  });

  it('fills the reference example (April 2018 missing) monthly', () => {
    const month = parseInterval('month') as Interval;
    const answer = [bucket('2018-03-01T00:00:00.000Z', 4), bucket('2018-05-01T00:00:00.000Z', 0)];
    const rows = toSeriesRows(
      { invalid: answer },
      ['invalid'],
      { from: Date.UTC(2018, 2, 1), to: Date.UTC(2018, 5, 1) },
      month,
    );
    expect(rows.map((r) => r.invalid)).toEqual([4, 0, 0]);
  });

  it('handles fixed lengths such as 1.5h', () => {
    const fixed = parseInterval('1.5h') as Interval;
    const rows = toSeriesRows({ a: [] }, ['a'], { from: 0, to: 6 * 3_600_000 }, fixed);
    expect(rows.map((r) => r.t)).toEqual([0, 1, 2, 3].map((i) => i * 5_400_000));
  });
});

describe('fillBuckets and sumSeries', () => {
  it('ignores buckets outside the window and sums within one', () => {
    expect(fillBuckets([{ timestamp: 5, time: '', count: 2 }], [0, 10])).toEqual([0, 0]);
    expect(
      sumSeries(
        [
          { t: 0, a: 1 },
          { t: 10, a: 2 },
          { t: 20, a: 4 },
        ],
        'a',
        { from: 10, to: 30 },
      ),
    ).toBe(6);
  });
});
