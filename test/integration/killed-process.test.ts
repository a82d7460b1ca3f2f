/**
 * Saved reports survive a killed process: every save that returned before a SIGKILL is still
 * there when the embedded store is opened again.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '@/lib/db/connect';
import { listReports } from '@/lib/db/reports';

describe('embedded store and a killed process', () => {
  it('keeps every save that returned before SIGKILL', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'killed-'));
    // `node --import tsx` runs the script in this very process, so SIGKILL reaches the writer itself.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve(__dirname, '../support/save-reports-forever.ts'), dir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise((r) => child.once('exit', r));
    const saved: string[] = [];
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('saved ')) saved.push(line.slice(6));
        if (saved.length >= 40) {
          // Killed mid-stream, with no chance to close the database.
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}`)),
      );
    });
    await exited;
    const { db } = await openStore({ dataDir: dir });
    const ids = new Set((await listReports(db)).map((r) => r.id));
    expect(saved.length).toBeGreaterThanOrEqual(40);
    expect(saved.filter((id) => !ids.has(id))).toEqual([]);
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
