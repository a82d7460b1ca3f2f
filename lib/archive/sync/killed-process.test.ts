/**
 * A sync process killed with SIGKILL in the middle of its backfill, then started again: the
 * second process resumes, and every window ends verified against the upstream's counts, with
 * the archive holding exactly the emulator's events (no hole, no event twice).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore } from '../../db/connect';
import { createEmulator } from '../../emulator';
import { startEmulatorServer } from '../../emulator/server';
import { compareWithEmulator } from '@/test/support/archive-sync/ground-truth';
import { EMULATOR_KEY } from '@/test/support/archive-sync/harness';
import { SyncStore } from './sync-store';

const KILLED_APP = 'app_killed';
const emulator = createEmulator({
  seed: 5,
  events: 100_000,
  apiKey: EMULATOR_KEY,
  ratePerMinute: 1_000_000,
  ratePerHour: 1_000_000,
});
let server: Awaited<ReturnType<typeof startEmulatorServer>>;
const dir = mkdtempSync(path.join(tmpdir(), 'killed-sync-'));

beforeAll(async () => {
  expect(emulator.dataset.size).toBeGreaterThanOrEqual(100_000); // generated before the server answers
  server = await startEmulatorServer({ emulator, port: 0 });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a sync process; resolves when `stop(lines)` says so, with the lines it printed. */
function runSync(stop: (lines: string[]) => boolean): {
  child: ChildProcessWithoutNullStreams;
  done: Promise<string[]>;
} {
  const child = spawn(
    process.execPath,
    [
      '--conditions=react-server',
      '--import',
      'tsx',
      path.resolve(__dirname, '../../../test/support/archive-sync/sync-process.ts'),
      dir,
      server.url,
      KILLED_APP,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<string[]>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const complete = buffer.split('\n');
      buffer = complete.pop() ?? '';
      lines.push(...complete);
      if (stop(lines)) resolve(lines);
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`sync process exited ${code}: ${stderr}`));
    });
  });
  return { child, done };
}

const backfillPages = (lines: string[]) => lines.filter((l) => l === 'call backfill events').length;

it('resumes after SIGKILL mid-backfill with no hole and no duplicate, proved by verification', async () => {
  const first = runSync((lines) => backfillPages(lines) >= 15);
  const printed = await first.done;
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));
  expect(printed).not.toContain('settled');

  const { db } = await openStore({ dataDir: dir });
  const windows = new SyncStore(async () => db, KILLED_APP);
  const unfinished = await windows.windows(['unplanned', 'queued']);
  expect(unfinished.length).toBeGreaterThan(0);

  const second = runSync((lines) => lines.includes('settled'));
  await second.done;
  second.child.kill('SIGKILL');
  await new Promise((resolve) => second.child.once('exit', resolve));

  const state = await windows.state();
  const backfill = (await windows.windows()).filter((w) => w.kind === 'backfill');
  expect(backfill.length).toBeGreaterThan(0);
  expect(backfill.every((w) => w.state === 'verified')).toBe(true);
  const from = Math.min(...backfill.map((w) => w.held_from_ms ?? w.start_ms));
  const to = Math.max(...backfill.map((w) => w.end_ms));
  // The oldest window holds from where the API's retention stood when its last page was read.
  expect(from - (state?.floor_ms ?? 0)).toBeGreaterThanOrEqual(0);
  expect(from - (state?.floor_ms ?? 0)).toBeLessThan(5 * 60_000);
  const compared = await compareWithEmulator(db, KILLED_APP, emulator, from, to);
  expect(compared.expected).toBeGreaterThan(2_000);
  expect(compared.missing).toEqual([]);
  expect(compared.extra).toEqual([]);
  expect(compared.held).toBe(compared.expected);
  await db.destroy();
}, 240_000);
