import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // `server-only` throws outside a React server build; in tests every module is "server".
      'server-only': fileURLToPath(new URL('./test/support/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    // Playwright specs live in e2e/ and must never be collected here.
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // Starts one throwaway redis-server for the run (tests that need Redis read inject('redisUrl')).
    globalSetup: ['./test/support/global-setup.ts'],
    setupFiles: ['./test/support/isolated-data-dir.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on something (an emulator over HTTP, Postgres, Redis, a child process)
    // rather than compute: one worker more than the 2 cores here ran the suite in 208 s against
    // 383-447 s at the default of one per core (30 Nov, 992 tests, all passing).
    maxWorkers: 3,
  },
});
