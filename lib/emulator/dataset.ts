/**
 * Read-only ground truth over the generated data, for tests: cheap answers straight from the
 * columns (distinct users per month, counts) without going through the query engine, plus
 * the events themselves as the API would render them.
 */
import type { AuthyEvent } from '../authy/responses';
import { ALL_EVENT_NAMES, type EventName } from '../authy/vocabulary';
import { materializeEvent } from './materialize';
import { lowerBound } from './store';
import type { Table } from './table';

export type TimeRange = { from?: number; to?: number };

export interface EmulatorDataset {
  /** Number of events. Like every member, generates the data on first use. */
  readonly size: number;
  readonly userCount: number;
  /** The span the data covers, epoch ms: every event time is in [start, end]. */
  readonly start: number;
  readonly end: number;
  timeOf(index: number): number;
  eventNameOf(index: number): EventName;
  /** The event's `objects.user.s_authy_id`, or null when it has no user. */
  authyIdOf(index: number): string | null;
  /** The event as the API renders it. Index 0 is the oldest. */
  event(index: number): AuthyEvent;
  /** Visits events oldest first, optionally only those with time in [from, to). */
  forEachEvent(visit: (event: AuthyEvent, index: number) => void, range?: TimeRange): void;
  /** Events with time in [from, to), optionally only of the given names. */
  countBetween(from: number, to: number, events?: readonly EventName[]): number;
  /** Distinct `s_authy_id`s among events with time in [from, to), optionally of given names. */
  distinctUsersBetween(from: number, to: number, events?: readonly EventName[]): number;
  /** Distinct users in a UTC calendar month, 'YYYY-MM'. */
  distinctUsersInMonth(month: string, events?: readonly EventName[]): number;
  /** Every month the data touches, oldest first, with its distinct users. */
  monthlyActiveUsers(events?: readonly EventName[]): { month: string; users: number }[];
}

function monthRange(month: string): [number, number] {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new Error(`month must look like 2019-11, got "${month}"`);
  const [year, m] = [Number(match[1]), Number(match[2]) - 1];
  return [Date.UTC(year, m, 1), Date.UTC(year, m + 1, 1)];
}

export function createDataset(table: () => Table): EmulatorDataset {
  const kindFilter = (events?: readonly EventName[]) => {
    if (!events) return null;
    const allowed = new Uint8Array(ALL_EVENT_NAMES.length);
    for (const name of events) allowed[ALL_EVENT_NAMES.indexOf(name)] = 1;
    return allowed;
  };
  const range = (from: number, to: number): [number, number] => {
    const { time } = table().store;
    return [lowerBound(time, from), lowerBound(time, to)];
  };

  const dataset: EmulatorDataset = {
    get size() {
      return table().store.size;
    },
    get userCount() {
      return table().store.users.count;
    },
    get start() {
      return table().store.start;
    },
    get end() {
      return table().store.end;
    },
    timeOf: (i) => table().store.time[i],
    eventNameOf: (i) => ALL_EVENT_NAMES[table().store.kind[i]],
    authyIdOf(i) {
      const t = table();
      const code = t.field('objects.user.s_authy_id')?.code(i) ?? -1;
      return code < 0 ? null : String(t.store.users.authyId[code]);
    },
    event: (i) => materializeEvent(table(), i),
    forEachEvent(visit, { from = -Infinity, to = Infinity } = {}) {
      const t = table();
      const [lo, hi] = range(from, to);
      for (let i = lo; i < hi; i++) visit(materializeEvent(t, i), i);
    },
    countBetween(from, to, events) {
      const { kind } = table().store;
      const allowed = kindFilter(events);
      const [lo, hi] = range(from, to);
      let count = 0;
      for (let i = lo; i < hi; i++) if (!allowed || allowed[kind[i]]) count++;
      return count;
    },
    distinctUsersBetween(from, to, events) {
      const t = table();
      const users = t.field('objects.user.s_authy_id');
      if (!users) return 0;
      const allowed = kindFilter(events);
      const seen = new Uint8Array(t.store.users.count);
      const [lo, hi] = range(from, to);
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
      const { start, end } = table().store;
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
