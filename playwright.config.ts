import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from './scripts/chromium';

/**
 * Browser tests against the production build in demo mode. Debian's Chromium is used where it
 * exists (Playwright cannot download its own browser here); elsewhere Playwright's own browser.
 * `E2E_PORT` and `NEXT_DIST_DIR` let several builds be tested side by side.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${E2E_PORT}`;

const dataDir = process.env.E2E_DATA_DIR ?? `.data-e2e-${E2E_PORT}`;

export const launchOptions: { executablePath?: string; args?: string[] } = existsSync(SYSTEM_CHROMIUM)
  ? { executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS }
  : {};

export const STORAGE_STATE = 'e2e/.auth/member.json';

/** Users besides the demo member, created with `npm run users` before the server starts. */
export const E2E_USERS = {
  member: { name: 'casey', password: 'casey-e2e-password' },
  viewer: { name: 'vera', password: 'vera-e2e-password' },
} as const;

const seedUsers = [
  `printf '%s\\n' ${E2E_USERS.member.password} | npm run -s users -- add ${E2E_USERS.member.name} --role member`,
  `printf '%s\\n' ${E2E_USERS.viewer.password} | npm run -s users -- add ${E2E_USERS.viewer.name} --role viewer`,
].join(' && ');

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions,
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions, storageState: STORAGE_STATE },
      dependencies: ['setup'],
      testIgnore: /.*\.setup\.ts/,
    },
  ],
  webServer: {
    // A fresh data folder per run: the demo user and saved reports start from nothing.
    // server.mjs, as `npm start`: the peer stamp is what TRUST_PROXY and the throttle rely on.
    command: `rm -rf ${dataDir} && ${seedUsers} && node server.mjs -H 127.0.0.1 -p ${E2E_PORT}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      // The suite opens pages faster than a person: at the real 30 calls a minute later specs
      // would find the budget spent by earlier ones and show "try again in N s". The limiter
      // itself is tested in Vitest against the emulator at the real limits.
      RATE_LIMIT_PER_MINUTE: '120',
      RATE_LIMIT_PER_HOUR: '3000',
      EMULATOR_RATE_LIMIT_PER_MINUTE: '120',
      EMULATOR_RATE_LIMIT_PER_HOUR: '3000',
      // The emulator keeps its 90 days, as the API; the archive's demo pre-fill holds the history
      // before them. A small share keeps the backfill inside November for the whole suite, so the
      // users spec finds October counted by the proxy, not yet by the archive.
      ARCHIVE_BUDGET_SHARE: '0.05',
    },
  },
});
