/**
 * Every test file gets its own data folder for the embedded store (a file may still choose
 * another): files run side by side, and none may read another's cache or archive, or the
 * checkout's `.data` of a demo run before. A test read a cached answer another file had just
 * written to the shared `.data` and failed as a cache hit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'dashboard-test-data-'));
process.env.DATA_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
