/** The slice of pino the reporting service uses, so tests can hand it a logger that captures. */
import 'server-only';
import type { Logger } from 'pino';

export type ReportingLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
