import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthyEvent } from '../authy/responses';
import { backends } from '@/test/support/stores';
import { ArchiveEventStore } from './event-store';

const event = (time: string, requestId: string, name = 'token_verified', user?: string): AuthyEvent => ({
  event: name,
  time,
  request_id: requestId,
  objects: user ? { app: { s_id: '1' }, user: { s_authy_id: user } } : { app: { s_id: '1' } },
});

const T0 = Date.parse('2026-11-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe.each(backends)('archive event store on $name', (backend) => {
  let opened: Awaited<ReturnType<typeof backend.open>>;
  let events: ArchiveEventStore;

  beforeAll(async () => {
    opened = await backend.open();
    events = new ArchiveEventStore(async () => opened.store.db);
  });
  afterAll(() => opened.close());

  it('stores each event once however often it is read, apart from other applications', async () => {
    const page = [event(at(1), 'a', 'token_verified', '7'), event(at(2), 'b'), event(at(3), 'c')];
    expect(await events.insert('app1', page)).toBe(3);
    expect(await events.insert('app1', [...page, event(at(4), 'd')])).toBe(1);
    expect(await events.insert('app2', page)).toBe(3);
    expect(await events.countBetween('app1', T0, T0 + 10 * 60_000)).toBe(4);
    expect(await events.countBetween('app2', T0, T0 + 10 * 60_000)).toBe(3);
  });

  it('keeps apart two events of one request and the same event name at two instants', async () => {
    const sameRequest = [event(at(20), 'r', 'user_added'), event(at(20), 'r', 'device_registration_completed')];
    const sameName = [event(at(21), 's'), event(at(22), 's')];
    expect(await events.insert('app3', [...sameRequest, ...sameName])).toBe(4);
  });

  it('counts per epoch-aligned bucket, half-open, and deletes a range', async () => {
    const buckets = await events.countByBucket('app1', T0, T0 + 3 * 60_000, 60_000);
    expect([...buckets].sort(([a], [b]) => a - b)).toEqual([
      [T0 + 60_000, 1],
      [T0 + 120_000, 1],
    ]);
    expect(await events.deleteBetween('app1', T0 + 2 * 60_000, T0 + 4 * 60_000)).toBe(2);
    expect(await events.countBetween('app1', T0, T0 + 10 * 60_000)).toBe(2);
  });

  it('reads epoch milliseconds back as numbers', async () => {
    const row = await opened.store.db
      .selectFrom('archive_events')
      .select(['time_ms', 'user_id'])
      .where('app_id', '=', 'app1')
      .where('request_id', '=', 'a')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ time_ms: T0 + 60_000, user_id: '7' });
  });
});
