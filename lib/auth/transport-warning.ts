/**
 * What to tell people when sign-in travels over plain http from another machine: the login
 * page shows it and the sign-in route logs it, instead of a login page that silently comes back.
 * Browsers treat localhost as secure (and keep Secure cookies there), so loopback says nothing.
 */
import type { Protocol } from '../transport/client';

export type TransportWarning = { code: 'secure-cookie-over-http' | 'plain-http'; message: string };

const LOOPBACK = /^(localhost|[\w-]+\.localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

export function transportWarning(
  protocol: Protocol,
  host: string | null,
  cookieSecure: 'auto' | 'always' | 'never',
): TransportWarning | null {
  if (protocol === 'https' || (host && LOOPBACK.test(host))) return null;
  if (cookieSecure === 'always') {
    return {
      code: 'secure-cookie-over-http',
      message:
        'This page came over plain http, but SESSION_COOKIE_SECURE=always makes the session cookie HTTPS-only: ' +
        'the browser will not keep it, so signing in cannot work. Open the dashboard over HTTPS (if a proxy ' +
        'terminates HTTPS in front of it, set TRUST_PROXY so the dashboard believes it), or set SESSION_COOKIE_SECURE=auto.',
    };
  }
  return {
    code: 'plain-http',
    message:
      'This connection is not encrypted: your password and session travel over the network as plain http. ' +
      'Serve the dashboard over HTTPS (if a proxy already terminates HTTPS in front of it, set TRUST_PROXY).',
  };
}
