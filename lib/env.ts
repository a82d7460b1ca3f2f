/**
 * The only reader of `process.env`. Settings are parsed once with zod; a bad value stops the
 * server at start with a message naming the variable.
 */
import 'server-only';
import { z } from 'zod';
import { emulatorSettingsSchema, type EmulatorSettings } from './emulator/settings';
import { trustProxySchema } from './transport/trust-proxy';
import { MAU_EVENT_CHOICES } from './mau/types';
import { processSingleton } from './process-singleton';

/** pino's levels; `silent` logs nothing. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const settingsSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    AUTHY_API_KEY: z.string().min(1).optional(),
    AUTHY_API_URL: z.url().default('https://api.authy.com'),
    SESSION_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
    REDIS_URL: z.url().optional(),
    DATABASE_URL: z.url().optional(),
    DATA_DIR: z.string().min(1).default('./.data'),
    DASHBOARD_ADMIN_USER: z.string().min(1).optional(),
    DASHBOARD_ADMIN_PASSWORD: z.string().min(8, { error: 'must be at least 8 characters' }).optional(),
    RATE_LIMIT_PER_MINUTE: positiveInt(30),
    RATE_LIMIT_PER_HOUR: positiveInt(300),
    UPSTREAM_TIMEOUT_MS: positiveInt(10_000),
    /** How long a request may queue for budget: one not expected to start within it is answered 429. */
    LIMITER_MAX_WAIT_MS: z.coerce.number().int().min(0).default(20_000),
    /** Of each window of the budget, the most the archive's sync (live edge, verification, backfill) may spend. */
    ARCHIVE_BUDGET_SHARE: z.coerce.number().gt(0).max(1).default(0.5),
    /** Reporting cache: how long a response that touches "now" is fresh, then may be served stale. */
    CACHE_FRESH_TTL_SECONDS: positiveInt(60),
    CACHE_MAX_STALE_SECONDS: positiveInt(3_600),
    /** A window that ended longer ago than this no longer changes upstream: its response is immutable. */
    CACHE_SETTLE_MARGIN_SECONDS: positiveInt(900),
    CACHE_IMMUTABLE_TTL_SECONDS: positiveInt(30 * 24 * 3_600),
    /** Memory bound of the in-process cache (bytes of JSON). */
    CACHE_MAX_BYTES: positiveInt(64 * 1024 * 1024),
    /** How long histogram requests wait to be merged into one upstream call. */
    COALESCE_WINDOW_MS: z.coerce.number().int().min(0).max(1_000).default(10),
    /** Upstream calls one request may spend without its person accepting the cost first (X-Accept-Cost). */
    REQUEST_CALL_CAP: positiveInt(10),
    MAU_CALL_BUDGET: positiveInt(20),
    /** Which events make a user "active" for MAU: any event with a user, or authentications only. */
    MAU_EVENTS: z.enum(MAU_EVENT_CHOICES).default('all'),
    /** The archive: `auto` keeps a local copy of the events the budget allows; `off` answers through the proxy only. */
    ARCHIVE: z.enum(['auto', 'off']).default('auto'),
    /** How long archived events (and rollups) are kept; 0 keeps them for good. */
    ARCHIVE_RETENTION_DAYS: z.coerce.number().int().min(0).default(400),
    /** How far back the upstream answers: 90 days on the real API (the emulator's is a setting). */
    ARCHIVE_API_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(90),
    /** The live edge polls this often while someone has a page open, and at the idle interval otherwise. */
    ARCHIVE_LIVE_ACTIVE_SECONDS: z.coerce.number().int().min(10).default(60),
    ARCHIVE_LIVE_IDLE_SECONDS: z.coerce.number().int().min(10).default(300),
    /** How far before its cursor the live edge looks again for late arrivals. */
    ARCHIVE_LOOKBACK_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
    /** A window that ended longer ago than this is verified against the upstream's counts. */
    ARCHIVE_SETTLE_MARGIN_MINUTES: z.coerce.number().int().min(1).default(15),
    METRICS_TOKEN: z.string().min(16).optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    /** Which hops in front may name the client and its protocol (lib/transport). */
    TRUST_PROXY: trustProxySchema,
    /** auto: Secure when the request came over HTTPS; always / never force it. */
    SESSION_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
    /** A session unused this long ends; one older than the absolute timeout ends however used. */
    SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(300).default(28_800), // 8 h
    SESSION_ABSOLUTE_TIMEOUT_SECONDS: z.coerce.number().int().min(300).default(604_800), // 7 days
  })
  .superRefine((s, ctx) => {
    if (s.AUTHY_API_KEY && !s.SESSION_SECRET && s.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required when AUTHY_API_KEY is set' });
    }
    if (Math.floor(Math.min(s.RATE_LIMIT_PER_MINUTE, s.RATE_LIMIT_PER_HOUR) * s.ARCHIVE_BUDGET_SHARE) < 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['ARCHIVE_BUDGET_SHARE'],
        message: `leaves the archive no call of RATE_LIMIT_PER_MINUTE (${s.RATE_LIMIT_PER_MINUTE})`,
      });
    }
    if (s.ARCHIVE_LOOKBACK_MINUTES > s.ARCHIVE_SETTLE_MARGIN_MINUTES) {
      // Verification rewrites settled windows; the look-back must never reach into them.
      ctx.addIssue({
        code: 'custom',
        path: ['ARCHIVE_LOOKBACK_MINUTES'],
        message: 'must not exceed ARCHIVE_SETTLE_MARGIN_MINUTES',
      });
    }
    if (s.ARCHIVE_LIVE_ACTIVE_SECONDS > s.ARCHIVE_LIVE_IDLE_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['ARCHIVE_LIVE_ACTIVE_SECONDS'],
        message: 'must not exceed ARCHIVE_LIVE_IDLE_SECONDS',
      });
    }
    if (Boolean(s.DASHBOARD_ADMIN_USER) !== Boolean(s.DASHBOARD_ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DASHBOARD_ADMIN_PASSWORD'],
        message: 'DASHBOARD_ADMIN_USER and DASHBOARD_ADMIN_PASSWORD go together',
      });
    }
    if (s.SESSION_IDLE_TIMEOUT_SECONDS > s.SESSION_ABSOLUTE_TIMEOUT_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_IDLE_TIMEOUT_SECONDS'],
        message: 'must not exceed SESSION_ABSOLUTE_TIMEOUT_SECONDS',
      });
    }
  });

export type Settings = z.output<typeof settingsSchema> & {
  mode: 'demo' | 'live';
  emulator: EmulatorSettings;
};

export class SettingsError extends Error {}

/** Blank variables count as unset, as they would in most `.env` files. */
function withoutBlanks(source: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => Boolean(e[1]?.trim())));
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`).join('; ');
}

/** Parses an environment; exported for tests, everything else calls `settings()`. */
export function parseSettings(source: Readonly<Record<string, string | undefined>>): Settings {
  const env = withoutBlanks(source);
  const app = settingsSchema.safeParse(env);
  if (!app.success) throw new SettingsError(`Invalid setting ${describe(app.error)}`);
  const emulator = emulatorSettingsSchema.safeParse(env);
  if (!emulator.success) throw new SettingsError(`Invalid setting ${describe(emulator.error)}`);
  return { ...app.data, mode: app.data.AUTHY_API_KEY ? 'live' : 'demo', emulator: emulator.data };
}

export function settings(): Settings {
  return processSingleton('settings', () => parseSettings(process.env));
}

/** The emulator's settings alone, for the standalone emulator server. */
export function emulatorSettings(): EmulatorSettings {
  const parsed = emulatorSettingsSchema.safeParse(withoutBlanks(process.env));
  if (!parsed.success) throw new SettingsError(`Invalid setting ${describe(parsed.error)}`);
  return parsed.data;
}

const logLevelSchema = z.enum(LOG_LEVELS).optional().catch(undefined);

/** The log level alone: the logger must work even while the other settings are invalid. */
export function logLevel(): LogLevel {
  return logLevelSchema.parse(process.env.LOG_LEVEL) ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
}
