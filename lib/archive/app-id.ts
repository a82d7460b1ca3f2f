/**
 * The archive's key for an Authy application: a hash of its API key. The key itself is a
 * secret and never stored; its hash names the application's rows, so several applications
 * can share one store, and a new key (a rotated one, or another application) starts apart.
 */
import 'server-only';
import { createHash } from 'node:crypto';

export function appIdFor(apiKey: string): string {
  return `app_${createHash('sha256').update(`authy-archive:${apiKey}`).digest('hex').slice(0, 24)}`;
}
