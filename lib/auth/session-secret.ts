/**
 * The session password. Required in live mode; in demo mode one is generated on first start
 * and kept in DATA_DIR, so a restart does not sign everyone out.
 */
import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { settings } from '../env';
import { processSingleton } from '../process-singleton';

export function sessionSecret(): string {
  return processSingleton('session-secret', readOrCreateSecret);
}

function readOrCreateSecret(): string {
  const s = settings();
  if (s.SESSION_SECRET) return s.SESSION_SECRET;
  const file = path.join(s.DATA_DIR, 'session-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(s.DATA_DIR, { recursive: true });
    const generated = randomBytes(32).toString('base64url');
    // `wx` fails if another process won the race; then its secret is the one to use.
    try {
      writeFileSync(file, generated, { flag: 'wx', mode: 0o600 });
      return generated;
    } catch {
      return readFileSync(file, 'utf8').trim();
    }
  }
}
