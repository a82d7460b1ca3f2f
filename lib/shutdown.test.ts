import { describe, expect, it } from 'vitest';
import { onShutdown, runShutdown } from './shutdown.mjs';

describe('shutdown tasks', () => {
  it('runs every task, waits for them, and a failure does not stop the others', async () => {
    const done: string[] = [];
    onShutdown(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      done.push('slow');
    });
    onShutdown(() => Promise.reject(new Error('this one fails')));
    onShutdown(async () => {
      done.push('fast');
    });
    await runShutdown(1_000);
    expect(done.sort()).toEqual(['fast', 'slow']);
  });

  it('waits no longer than its bound for a task that hangs', async () => {
    onShutdown(() => new Promise(() => {}));
    const started = Date.now();
    await runShutdown(50);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
