import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '@/test/support/stores';
import type { Store } from './connect';
import { createReport, deleteReport, findReport, listReports, newReportId, updateReport } from './reports';
import { createUser } from './users';

describe.each(backends)('saved reports on $name', (backend) => {
  let store: Store;
  let close: () => Promise<void>;
  let ownerId: string;

  beforeAll(async () => {
    ({ store, close } = await backend.open());
    ownerId = (await createUser(store.db, { name: 'owner', role: 'member', password: 'owner password' })).id;
  });
  afterAll(async () => close());

  it('creates, finds, renames and deletes a report', async () => {
    const report = await createReport(store.db, { name: 'Brazil failures', path: '/histogram?interval=day', ownerId });
    expect(report).toMatchObject({ name: 'Brazil failures', owner: { name: 'owner' }, description: null });
    expect(report.id).toMatch(/^[A-Za-z0-9]{10}$/);
    const renamed = await updateReport(store.db, report.id, { name: 'Brazil failed verifications' });
    expect(renamed?.name).toBe('Brazil failed verifications');
    expect(renamed!.updatedAt >= report.updatedAt).toBe(true);
    expect(await deleteReport(store.db, report.id)).toBe(true);
    expect(await findReport(store.db, report.id)).toBeUndefined();
  });

  it('loses none of 100 concurrent saves', async () => {
    const before = (await listReports(store.db)).length;
    const saved = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        createReport(store.db, { name: `view ${i}`, path: `/?range=7d&i=${i}`, ownerId }),
      ),
    );
    expect(new Set(saved.map((r) => r.id)).size).toBe(100);
    expect((await listReports(store.db)).length).toBe(before + 100);
  });
});

describe('newReportId', () => {
  it('is unambiguous and rarely repeats', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newReportId()));
    expect(ids.size).toBe(10_000);
    expect([...ids].join('')).not.toMatch(/[0O1lI]/);
  });
});
