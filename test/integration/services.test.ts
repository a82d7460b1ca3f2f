/**
 * The wiring module in demo mode: no AUTHY_API_KEY means an in-process emulator behind the
 * same service, built once per process.
 */
import { describe, expect, it, vi } from 'vitest';

vi.stubEnv('AUTHY_API_KEY', '');
vi.stubEnv('REDIS_URL', '');
vi.stubEnv('EMULATOR_EVENTS', '5000');

const { appMode, reportingService } = await import('@/lib/services');

describe('lib/services in demo mode', () => {
  it('builds one service per process, answering from the built-in emulator', async () => {
    expect(appMode()).toBe('demo');
    const service = reportingService();
    expect(reportingService()).toBe(service);
    const result = await service.terms({ field: 'event', size: 5, scope: [] }, { range: '12mo' });
    expect(result.data.success).toBe(true);
    expect(result.data.terms.length).toBeGreaterThan(0);
    expect(result.meta.cache).toBe('miss');
    expect((await service.terms({ field: 'event', size: 5, scope: [] }, { range: '12mo' })).meta.cache).toBe('hit');
    expect((await service.budget()).minute).toMatchObject({ limit: 30, remaining: 29 });
  });
});
