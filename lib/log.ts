/**
 * Structured JSON logs. Secrets are redacted by configuration, so a careless `log.info({ headers })`
 * still cannot print the API key, the session secret, a cookie, a token or a password.
 */
import 'server-only';
import pino, { type DestinationStream, type Logger } from 'pino';
import { logLevel } from './env';

/** Field names that hold a secret wherever they appear, at the top level or one object down. */
const SECRET_FIELDS = [
  'apiKey',
  'password',
  'secret',
  'token',
  'sessionSecret',
  'cookie',
  'AUTHY_API_KEY',
  'SESSION_SECRET',
  'METRICS_TOKEN',
  'DASHBOARD_ADMIN_PASSWORD',
];

/** Header names that carry credentials, in a `headers` object at the top level or one down (`req.headers`). */
const SECRET_HEADERS = ['["x-authy-api-key"]', 'cookie', '["set-cookie"]', 'authorization'];

export const REDACT_PATHS = [
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]),
  ...SECRET_HEADERS.flatMap((h) => {
    const path = h.startsWith('[') ? `headers${h}` : `headers.${h}`;
    return [path, `*.${path}`];
  }),
];

/** The app's logger; a destination is given by tests that read what would have been written. */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const config = {
    level: options.level ?? logLevel(),
    base: { service: 'authy-dashboard' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

export const log = createLogger();
