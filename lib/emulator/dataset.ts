/**
 * Read-only ground truth over the generated data, for tests and for the demo's archive
 * pre-fill (never with a real key): cheap answers straight from the columns (distinct users
 * per month, counts) without going through the query engine, plus the events themselves as
 * the API would render them.
 *
 * It describes what has happened by the emulator's clock: every event with time ≤ now, which
 * grows as the clock moves. It ignores what the API hides: events older than the retention
 * window are here (the pre-fill reads them), and so are late arrivals still on their way
 * (`arrivalOf` says when the API shows each event).
 */
import type { AuthyEvent } from '../authy/responses';
import { ALL_EVENT_NAMES, type EventName } from '../authy/vocabulary';
import { materializeEvent } from './materialize';
import { lowerBound, upperBound } from './store';
import type { Table } from './table';
import { arrivalOf, type VisibilityRules } from './visibility';

export type TimeRange = { from?: number; to?: number };

export interface EmulatorDataset {
  /** Events that have happened: time ≤ now. Like every member, generates the data on first use. */
  readonly size: number;
  /** Users who have joined by now. */
  readonly userCount: number;
  /** Where the history starts, and now (the emulator's clock), epoch ms: every event here is in [start, end]. */
  readonly start: number;
  readonly end: number;
  /** Index 0 is the oldest event; indexes never change as the clock moves. */
  timeOf(index: number): number;
  eventNameOf(index: number): EventName;
  /** The event's `objects.user.s_authy_id`, or null when it has no user. */
  authyIdOf(index: number): string | null;
  /** The event as the API renders it. */
  event(index: number): AuthyEvent;
  /** When the API starts showing the event under the current late-arrival fault: its time, or later. */
  arrivalOf(index: number): number;
  /** Visits events oldest first, optionally only those with time in [from, to). */
  forEachEvent(visit: (event: AuthyEvent, index: number) => void, range?: TimeRange): void;
  /**
   * The same events as forEachEvent, built one at a time as the caller pulls them, so a
   * consumer can await between them (write them in batches) over any range without holding
   * more than it keeps.
   */
  eventsIn(range?: TimeRange): IterableIterator<AuthyEvent>;
  /** Events with time in [from, to), optionally only of the given names. */
  countBetween(from: number, to: number, events?: readonly EventName[]): number;
  /** Distinct `s_authy_id`s among events with time in [from, to), optionally of given names. */
  distinctUsersBetween(from: number, to: number, events?: readonly EventName[]): number;
  /** Distinct users in a UTC calendar month, 'YYYY-MM'. */
  distinctUsersInMonth(month: string, events?: readonly EventName[]): number;
  /** Every month the data touches, oldest first, with its distinct users. */
  monthlyActiveUsers(events?: readonly EventName[]): { month: string; users: number }[];
}

/** The table as the clock has it now (grown at least up to `now`), and the late-arrival fault. */
export type DatasetSource = {
  view(): { table: Table; now: number };
  lateness(): Pick<VisibilityRules, 'lateShare' | 'lateMs'>;
};

function monthRange(month: string): [number, number] {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new Error(`month must look like 2019-11, got "${month}"`);
  const [year, m] = [Number(match[1]), Number(match[2]) - 1];
  return [Date.UTC(year, m, 1), Date.UTC(year, m + 1, 1)];
}

type View = { table: Table; now: number };

export function createDataset(source: DatasetSource): EmulatorDataset {
  const table = () => source.view().table;
  const kindFilter = (events?: readonly EventName[]) => {
    if (!events) return null;
    const allowed = new Uint8Array(ALL_EVENT_NAMES.length);
    for (const name of events) allowed[ALL_EVENT_NAMES.indexOf(name)] = 1;
    return allowed;
  };
  /** The indexes of the events that have happened with time in [from, to). */
  const range = ({ table: t, now }: View, from = -Infinity, to = Infinity): [number, number] => {
    const { time } = t.store;
    const happened = upperBound(time, now);
    return [Math.min(happened, lowerBound(time, from)), Math.min(happened, lowerBound(time, to))];
  };

  const dataset: EmulatorDataset = {
    get size() {
      return range(source.view())[1];
    },
    get userCount() {
      const { table: t, now } = source.view();
      return upperBound(t.store.users.joined, now);
    },
    get start() {
      return table().store.start;
    },
    get end() {
      return source.view().now;
    },
    timeOf: (i) => table().store.time[i],
    eventNameOf: (i) => ALL_EVENT_NAMES[table().store.kind[i]],
    authyIdOf(i) {
      const t = table();
      const code = t.field('objects.user.s_authy_id')?.code(i) ?? -1;
      return code < 0 ? null : String(t.store.users.authyId[code]);
    },
    event: (i) => materializeEvent(table(), i),
    arrivalOf: (i) => arrivalOf(table().store, i, source.lateness()),
    forEachEvent(visit, { from, to } = {}) {
      const view = source.view();
      const [lo, hi] = range(view, from, to);
      for (let i = lo; i < hi; i++) visit(materializeEvent(view.table, i), i);
    },
    *eventsIn({ from, to } = {}) {
      const view = source.view();
      const [lo, hi] = range(view, from, to);
      for (let i = lo; i < hi; i++) yield materializeEvent(view.table, i);
    },
    countBetween(from, to, events) {
      const view = source.view();
      const { kind } = view.table.store;
      const allowed = kindFilter(events);
      const [lo, hi] = range(view, from, to);
      let count = 0;
      for (let i = lo; i < hi; i++) if (!allowed || allowed[kind[i]]) count++;
      return count;
    },
    distinctUsersBetween(from, to, events) {
      const view = source.view();
      const t = view.table;
      const users = t.field('objects.user.s_authy_id');
      if (!users) return 0;
      const allowed = kindFilter(events);
      const seen = new Uint8Array(t.store.users.count);
      const [lo, hi] = range(view, from, to);
      let distinct = 0;
      for (let i = lo; i < hi; i++) {
        if (allowed && !allowed[t.store.kind[i]]) continue;
        const u = users.code(i);
        if (u >= 0 && seen[u] === 0) {
          seen[u] = 1;
          distinct++;
        }
      }
      return distinct;
    },
    distinctUsersInMonth(month, events) {
      const [from, to] = monthRange(month);
      return dataset.distinctUsersBetween(from, to, events);
    },
    monthlyActiveUsers(events) {
      const { start, end } = dataset;
      const months: { month: string; users: number }[] = [];
      for (
        let d = new Date(Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth(), 1));
        d.getTime() <= end;
        d.setUTCMonth(d.getUTCMonth() + 1)
      ) {
        const month = d.toISOString().slice(0, 7);
        months.push({ month, users: dataset.distinctUsersInMonth(month, events) });
      }
      return months;
    },
  };
  return dataset;
}
