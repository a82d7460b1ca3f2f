/**
 * Structured JSON logs. Secrets are redacted by configuration, so a careless `log.info({ headers })`
 * still cannot print the API key, the session secret, a cookie or a password.
 */
import 'server-only';
import pino from 'pino';
import { logLevel } from './env';

export const REDACT_PATHS = [
  'apiKey',
  '*.apiKey',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'headers["x-authy-api-key"]',
  '*.headers["x-authy-api-key"]',
  'headers.cookie',
  '*.headers.cookie',
  'headers.authorization',
  '*.headers.authorization',
  'cookie',
  '*.cookie',
];

export const log = pino({
  level: logLevel(),
  base: { service: 'authy-dashboard' },
  redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  timestamp: pino.stdTimeFunctions.isoTime,
});
