/**
 * The emulator's settings. Pure: `lib/env.ts` (for demo mode) and `lib/emulator/main.ts` (for
 * the standalone server) hand it the environment.
 */
import { z } from 'zod';

/** The example key printed throughout the Authy reference. */
export const REFERENCE_EXAMPLE_KEY = 'd57d919d11e6b221c9bf6f7c882028f9';

const share = z.coerce.number().min(0).max(1);
/** How long a late event takes to arrive: at least a minute, at most a day. */
export const MAX_LATE_MINUTES = 1_440;
const lateMinutesSchema = z.coerce.number().int().min(1).max(MAX_LATE_MINUTES);
const DEFAULT_LATE_MINUTES = 5;

const FAULT_NAMES = {
  '500': 'error500',
  timeout: 'timeout',
  malformed: 'malformed',
  '429': 'tooMany',
  late: 'late',
} as const;

export const NO_FAULTS = {
  error500: 0,
  timeout: 0,
  malformed: 0,
  tooMany: 0,
  late: 0,
  lateMinutes: DEFAULT_LATE_MINUTES,
};

/**
 * `EMULATOR_FAULTS=500:0.2,timeout:0.05,malformed:0.05,429:0.01,late:0.05,lateMinutes:5`: shares
 * of calls that fail each way, the share of events that arrive late, and how late.
 */
export const faultsSchema = z.string().transform((value, ctx) => {
  const faults = { ...NO_FAULTS };
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, raw] = part.split(':');
    if (name === 'lateMinutes') {
      const minutes = lateMinutesSchema.safeParse(raw);
      if (!minutes.success) {
        ctx.addIssue({ code: 'custom', message: `bad fault "${part}": lateMinutes is a whole number 1-1440` });
        return z.NEVER;
      }
      faults.lateMinutes = minutes.data;
      continue;
    }
    const parsed = share.safeParse(raw);
    const key = Object.hasOwn(FAULT_NAMES, name) ? FAULT_NAMES[name as keyof typeof FAULT_NAMES] : undefined;
    if (!key || !parsed.success) {
      ctx.addIssue({
        code: 'custom',
        message: `bad fault "${part}": use 500|timeout|malformed|429|late with a share 0-1, or lateMinutes:1-1440`,
      });
      return z.NEVER;
    }
    faults[key] = parsed.data;
  }
  return faults;
});
export type Faults = z.output<typeof faultsSchema>;

export const emulatorSettingsSchema = z.object({
  EMULATOR_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  EMULATOR_HOST: z.string().default('127.0.0.1'),
  EMULATOR_API_KEY: z.string().min(1).default(REFERENCE_EXAMPLE_KEY),
  EMULATOR_SEED: z.coerce.number().int().default(42),
  EMULATOR_EVENTS: z.coerce.number().int().min(0).max(20_000_000).default(200_000),
  EMULATOR_USERS: z.coerce.number().int().min(1).max(5_000_000).optional(),
  /** Where the history ends and the emulator's clock starts; the clock then moves with real time. */
  EMULATOR_NOW: z.iso.datetime({ offset: true }).optional(),
  /** Events older than this many days are gone from every endpoint, as upstream; 0 keeps everything. */
  EMULATOR_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(90),
  EMULATOR_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  EMULATOR_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(300),
  EMULATOR_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  EMULATOR_FAULTS: faultsSchema.default(NO_FAULTS),
});
export type EmulatorSettings = z.output<typeof emulatorSettingsSchema>;
