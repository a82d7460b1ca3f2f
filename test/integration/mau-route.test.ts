/**
 * GET /api/mau called as Next calls it: a NextRequest, a mocked session, the MAU service over
 * an in-process emulator. The JSON field names are the contract; bad parameters get a 400
 * naming the parameter; the state survives a restart (a new service over the same store).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '@/lib/db/connect';
import { DbKeyValueStore } from '@/lib/db/kv';
import { mauHarness } from '@/test/support/mau';
import type { MauResponse } from '@/lib/mau/types';

vi.mock('@/lib/auth/session', () => ({ currentUser: async () => ({ id: '1', name: 't', role: 'member' }) }));

const holder = vi.hoisted(() => ({ harness: undefined as unknown }));
type Harness = ReturnType<typeof mauHarness>;
vi.mock('@/lib/reporting/mau/wiring', () => ({ mauService: () => (holder.harness as Harness).mau }));
vi.mock('@/lib/services', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/services')>()),
  reportingService: () => (holder.harness as Harness).reporting,
}));

const { GET } = await import('@/app/api/mau/route');

const dir = mkdtempSync(path.join(tmpdir(), 'mau-route-'));
const store = await openStore({ dataDir: dir });
afterAll(async () => {
  await store.db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

function useHarness(callBudget: number, limits?: { perMinute: number; perHour: number }): Harness {
  const base = holder.harness as Harness | undefined;
  const harness = mauHarness({
    events: 60_000,
    users: 1_500,
    callBudget,
    limits,
    emulator: base?.emulator,
    store: new DbKeyValueStore(async () => store.db),
  });
  holder.harness = harness;
  return harness;
}

/** Counting costs more than the per-request cap: these requests carry the cost their person accepted. */
const ACCEPTED = { 'X-Accept-Cost': '1000' };

async function get(query: string, headers: Record<string, string> = ACCEPTED) {
  const response = await GET(new NextRequest(`http://127.0.0.1:3000/api/mau${query}`, { headers }), {
    params: Promise.resolve({}),
  });
  return {
    status: response.status,
    body: (await response.json()) as MauResponse & { error?: { field?: string; message: string } },
  };
}

describe('GET /api/mau', () => {
  it('answers months with the documented field names', async () => {
    const h = useHarness(1_000);
    const { status, body } = await get('?from=2026-09&to=2026-10');
    expect(status).toBe(200);
    expect(body.months.map((m) => m.month)).toEqual(['2026-09', '2026-10']);
    for (const m of body.months) {
      expect(Object.keys(m)).toEqual(
        expect.arrayContaining(['month', 'activeUsers', 'exact', 'lowerBound', 'estimate', 'upstreamCalls']),
      );
      expect(m).toMatchObject({
        exact: true,
        estimate: null,
        activeUsers: h.truth(m.month),
        lowerBound: h.truth(m.month),
      });
      expect(m.upstreamCalls).toBeGreaterThan(0);
    }
  });

  it('defaults to the last 12 months, the current one in progress', async () => {
    useHarness(1_000);
    const { body } = await get('');
    expect(body.months).toHaveLength(12);
    expect(body.months[11]).toMatchObject({ month: '2026-11', inProgress: true });
    expect(body.months[0]).toMatchObject({ month: '2025-12', inProgress: false });
  });

  it('continues a partial month after a restart, from the stored partition', async () => {
    const first = useHarness(3);
    const { body: partial } = await get('?from=2025-06&to=2025-06');
    expect(partial.months[0]).toMatchObject({ exact: false, pending: true, upstreamCalls: 3 });
    const restarted = useHarness(1_000);
    expect(restarted.mau).not.toBe(first.mau);
    const before = restarted.calls();
    const { body: done } = await get('?from=2025-06&to=2025-06');
    expect(done.months[0]).toMatchObject({ exact: true, activeUsers: restarted.truth('2025-06') });
    expect(done.months[0].upstreamCalls).toBe(3 + (restarted.calls() - before));
    const again = restarted.calls();
    await get('?from=2025-06&to=2025-06');
    expect(restarted.calls()).toBe(again);
  });

  it("lets counting that continues in the background leave the hour's last 30% to people", async () => {
    const h = useHarness(20, { perMinute: 1_000, perHour: 40 });
    const before = h.calls();
    const { body: first } = await get('?from=2025-03&to=2025-03', { ...ACCEPTED, 'X-Priority': 'background' });
    // 40 an hour, 12 kept back: at most 28 for background counting, and 20 a request.
    expect(first.budget.calls).toBe(20);
    const { body: second } = await get('?from=2025-02&to=2025-02', { ...ACCEPTED, 'X-Priority': 'background' });
    expect(second.budget.calls).toBeLessThanOrEqual(40 - 12 - first.budget.spent);
    expect(h.calls() - before).toBeLessThanOrEqual(28);
    const { body: person } = await get('?from=2025-02&to=2025-02');
    expect(person.budget.calls).toBe(20);
  });

  it('refuses counting over the call cap with 422 before spending, reads for free, and counts within calls=N', async () => {
    const h = useHarness(20);
    const before = h.calls();
    const refused = await get('?from=2024-11&to=2024-11', {});
    expect(refused.status).toBe(422);
    expect(refused.body.error?.message).toMatch(/needs 20 upstream calls.*at most 10/);
    expect(h.calls()).toBe(before);
    const look = await get('?from=2024-11&to=2024-11&calls=0', {});
    expect(look.status).toBe(200);
    expect(look.body.months[0]).toMatchObject({ pending: true, upstreamCalls: 0, callsThisRequest: 0 });
    expect(h.calls()).toBe(before);
    const step = await get('?from=2024-11&to=2024-11&calls=7', {});
    expect(step.status).toBe(200);
    expect(step.body.budget.calls).toBe(7);
    expect(step.body.budget.spent).toBeLessThanOrEqual(7);
    expect(h.calls() - before).toBe(step.body.budget.spent);
  });

  it.each([
    ['?months=abc', 'months'],
    ['?months=0', 'months'],
    ['?months=37', 'months'],
    ['?months=3&from=2026-01', 'months'],
    ['?from=2026-13', 'from'],
    ['?from=2026-10&to=2026-09', 'from'],
    ['?to=2027-01', 'to'],
    ['?from=2020-01&to=2026-10', 'from'],
    ['?size=5', 'size'],
    ['?months=2&months=3', 'months'],
  ])('answers %s with 400 naming %s', async (query, field) => {
    useHarness(1_000);
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.error?.field).toBe(field);
  });
});
