import { describe, expect, it } from 'vitest';
import { bucketStartsBetween, parseInterval, type Interval } from '../authy/interval';
import type { HistogramResponse } from '../authy/responses';
import { layoutHistogram, splitAtHeld, type NamedInterval } from './histogram-plan';
import { HistogramBucketStore, seriesSignature, type Span } from './histogram-store';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const named = (name: string): NamedInterval => ({ name, parsed: parseInterval(name) as Interval });
const SERIES = [{ name: 'a', signature: seriesSignature([{ attribute: 'event', operator: 'eq', value: 'x' }]) }];
const SCOPE = '[]';

/** An answer listing every bucket of `span` at `interval` but those in `empty`, counting its hour of day. */
function answer(span: Span, interval: NamedInterval, empty: number[] = []): HistogramResponse {
  const starts = bucketStartsBetween(span.from, span.to, interval.parsed).filter((t) => !empty.includes(t));
  const buckets = starts.map((t) => ({
    timestamp: t,
    time: new Date(t).toISOString(),
    count: new Date(t).getUTCHours() + 1,
  }));
  return { interval: interval.name, reports: { a: buckets }, success: true };
}

function layout(store: HistogramBucketStore, window: Span, interval: string, now: number) {
  const signatures = SERIES.map((s) => s.signature);
  return layoutHistogram({
    window,
    interval: named(interval),
    others: store
      .intervalsOf(SCOPE)
      .filter((n) => n !== interval)
      .map(named),
    lookup: (at, piece) => store.piece(SCOPE, at.name, signatures, piece, now),
    maxBuckets: 10_000,
  });
}

const MONDAY = Date.UTC(2024, 0, 1);

describe('layoutHistogram', () => {
  it('asks for the whole window when nothing is held', () => {
    const got = layout(
      new HistogramBucketStore(),
      { from: MONDAY, to: MONDAY + 3 * DAY + 5 * HOUR },
      'day',
      MONDAY + 4 * DAY,
    );
    expect(got).toEqual({ known: [], runs: [{ from: MONDAY, to: MONDAY + 3 * DAY + 5 * HOUR, buckets: 4 }] });
  });

  it('asks a window moved by one slot for its open bucket only', () => {
    const store = new HistogramBucketStore();
    const now = MONDAY + 29 * DAY + 12 * HOUR;
    const closed = { from: MONDAY, to: MONDAY + 29 * DAY };
    store.record(SCOPE, named('day'), SERIES, answer(closed, named('day')), {
      asked: { from: MONDAY, to: now },
      closed,
      freshUntil: now + 60_000,
      now,
    });
    const moved = layout(store, { from: MONDAY, to: now + 5 * 60_000 }, 'day', now + 5 * 60_000);
    expect(moved.runs).toEqual([{ from: MONDAY + 29 * DAY, to: now + 5 * 60_000, buckets: 1 }]);
    expect(moved.known).toHaveLength(29);
  });

  it('counts a bucket the upstream did not list inside a span it was asked for as empty, and says it is unlisted', () => {
    const store = new HistogramBucketStore();
    const closed = { from: MONDAY, to: MONDAY + 3 * DAY };
    store.record(SCOPE, named('day'), SERIES, answer(closed, named('day'), [MONDAY + DAY]), {
      asked: closed,
      closed,
      freshUntil: 0,
      now: MONDAY + 10 * DAY,
    });
    const got = layout(store, closed, 'day', MONDAY + 10 * DAY);
    expect(got.runs).toEqual([]);
    expect(got.known.map((k) => k.answer)).toEqual([
      { listed: true, counts: [1] },
      { listed: false, counts: [0] },
      { listed: true, counts: [1] },
    ]);
  });

  it('rolls held hours up into days, and held days into weeks and months, where their boundaries meet', () => {
    const store = new HistogramBucketStore();
    const now = MONDAY + 70 * DAY;
    const days = { from: MONDAY, to: MONDAY + 62 * DAY };
    store.record(SCOPE, named('hour'), SERIES, answer(days, named('hour')), {
      asked: days,
      closed: days,
      freshUntil: 0,
      now,
    });
    const daily = layout(store, { from: MONDAY, to: MONDAY + 7 * DAY }, 'day', now);
    expect(daily.runs).toEqual([]);
    expect(daily.known[0].answer.counts).toEqual([(24 * 25) / 2]);

    // January and February 2024 held as days: weeks from Monday 1 January, and the two months.
    const other = new HistogramBucketStore();
    other.record(SCOPE, named('day'), SERIES, answer(days, named('day')), {
      asked: days,
      closed: days,
      freshUntil: 0,
      now,
    });
    const weekly = layout(other, { from: MONDAY, to: MONDAY + 56 * DAY }, 'week', now);
    expect(weekly.runs).toEqual([]);
    expect(weekly.known.map((k) => k.answer.counts[0])).toEqual(Array(8).fill(7));
    const monthly = layout(other, { from: MONDAY, to: Date.UTC(2024, 2, 1) }, 'month', now);
    expect(monthly.known.map((k) => k.answer.counts[0])).toEqual([31, 29]);
  });

  it('does not roll weeks into months: a month does not start on a Monday', () => {
    const store = new HistogramBucketStore();
    const weeks = { from: MONDAY, to: MONDAY + 13 * 7 * DAY };
    const now = weeks.to + 30 * DAY;
    store.record(SCOPE, named('week'), SERIES, answer(weeks, named('week')), {
      asked: weeks,
      closed: weeks,
      freshUntil: 0,
      now,
    });
    const got = layout(store, { from: Date.UTC(2024, 1, 1), to: Date.UTC(2024, 2, 1) }, 'month', now);
    expect(got.runs).toHaveLength(1);
  });

  it('asks one span over two gaps when that takes no more calls, two runs when it saves calls', () => {
    const store = new HistogramBucketStore();
    const now = MONDAY + 400 * DAY;
    const middle = { from: MONDAY + 10 * DAY, to: MONDAY + 310 * DAY };
    store.record(SCOPE, named('day'), SERIES, answer(middle, named('day')), {
      asked: middle,
      closed: middle,
      freshUntil: 0,
      now,
    });
    const near = layout(store, { from: MONDAY + 9 * DAY, to: MONDAY + 20 * DAY + HOUR }, 'day', now);
    expect(near.runs).toEqual([{ from: MONDAY + 9 * DAY, to: MONDAY + 20 * DAY + HOUR, buckets: 12 }]);
    const far = layout(store, { from: MONDAY + 9 * DAY, to: MONDAY + 311 * DAY }, 'day', now);
    expect(far.runs.map((r) => r.buckets)).toEqual([1, 1]);
  });

  it('reuses a fresh run for the same cut edge: last 7 days inside last 30 days share today', () => {
    const store = new HistogramBucketStore();
    const now = MONDAY + 40 * DAY + 12 * HOUR;
    const thirty = { from: now - 30 * DAY - 12 * HOUR, to: now };
    const closed = { from: thirty.from, to: MONDAY + 40 * DAY };
    store.record(SCOPE, named('day'), SERIES, answer(thirty, named('day')), {
      asked: thirty,
      closed,
      freshUntil: now + 60_000,
      now,
    });
    expect(layout(store, { from: now - 7 * DAY - 12 * HOUR, to: now }, 'day', now).runs).toEqual([]);
    expect(layout(store, { from: now - 7 * DAY - 12 * HOUR, to: now }, 'day', now + 61_000).runs).toHaveLength(1);
  });
});

describe('splitAtHeld', () => {
  const day = parseInterval('day') as Interval;
  const run = (from: number, days: number) => ({ from, to: from + days * DAY, buckets: days });

  it('asks the upstream only for the buckets the archive does not hold', () => {
    const year = run(MONDAY, 365);
    const held = [
      { from: MONDAY - DAY, to: MONDAY + 200 * DAY },
      { from: MONDAY + 290 * DAY, to: MONDAY + 400 * DAY },
    ];
    expect(splitAtHeld(year, held, day)).toEqual([
      run(MONDAY, 200),
      run(MONDAY + 200 * DAY, 90),
      run(MONDAY + 290 * DAY, 75),
    ]);
  });

  it('leaves a bucket the archive holds only part of to the upstream', () => {
    const held = [{ from: MONDAY + 100 * DAY + HOUR, to: MONDAY + 400 * DAY }];
    const cut = splitAtHeld(run(MONDAY, 365), held, day);
    expect(cut[0]).toEqual(run(MONDAY, 101));
    expect(cut.slice(1)).toEqual([run(MONDAY + 101 * DAY, 264)]);
  });

  it('keeps the run whole when cutting it saves no call', () => {
    const week = run(MONDAY, 7);
    expect(splitAtHeld(week, [{ from: MONDAY, to: MONDAY + 3 * DAY }], day)).toEqual([week]);
    expect(splitAtHeld(week, [], day)).toEqual([week]);
    // Two remote ends around a held middle cost two calls where the whole run costs one.
    const long = run(MONDAY, 90);
    expect(splitAtHeld(long, [{ from: MONDAY + DAY, to: MONDAY + 89 * DAY }], day)).toEqual([long]);
  });

  it('joins remote pieces across a held part when that takes no more calls', () => {
    // 150 + 20 remote days cost 2 + 1 calls apart, 2 as one span of 180 days with the held 10 inside.
    const held = [
      { from: MONDAY + 150 * DAY, to: MONDAY + 160 * DAY },
      { from: MONDAY + 180 * DAY, to: MONDAY + 400 * DAY },
    ];
    expect(splitAtHeld(run(MONDAY, 365), held, day)).toEqual([run(MONDAY, 180), run(MONDAY + 180 * DAY, 185)]);
  });

  it('cuts where one held part meets another: each local run is answered from one place', () => {
    const rolled = { from: MONDAY - 10 * DAY, to: MONDAY + 100 * DAY };
    const events = { from: MONDAY + 100 * DAY, to: MONDAY + 400 * DAY };
    expect(splitAtHeld(run(MONDAY, 365), [events, rolled], day)).toEqual([
      run(MONDAY, 100),
      run(MONDAY + 100 * DAY, 265),
    ]);
  });

  it('answers a run the archive holds whole without a call', () => {
    const all = run(MONDAY, 365);
    expect(splitAtHeld(all, [{ from: 0, to: MONDAY + 1_000 * DAY }], day)).toEqual([all]);
  });
});
