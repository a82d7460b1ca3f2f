// Runs before every page and API route: sets the per-request CSP nonce, sends visitors without a
// live session to /login (and back afterwards), and renews the session's idle clock. API routes
// check the session themselves, against the store (lib/api/route.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { openSession, renewedSession, secureCookies, SESSION_COOKIE, sessionOptions } from './lib/auth/session-cookie';
import { settings } from './lib/env';
import { contentSecurityPolicy } from './lib/security-headers';
import { resolveClient } from './lib/transport/client';

const PUBLIC_PAGES = ['/login'];
/** Sets the session cookie itself; a renewal here would race it. */
const SESSION_ROUTE = '/api/session';

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith('/api/');
  const session = await openSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (!isApi && !PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`)) && !session) {
    const login = new URL('/login', request.url);
    if (pathname !== '/' || search) login.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, { dev: settings().NODE_ENV === 'development' });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  const renewed = session && pathname !== SESSION_ROUTE ? await renewedSession(session) : null;
  if (renewed) {
    const { protocol } = resolveClient(request.headers, settings().TRUST_PROXY);
    response.cookies.set(SESSION_COOKIE, renewed, sessionOptions(secureCookies(protocol)).cookieOptions);
  }
  return response;
}

export const config = {
  // Static files need neither a session nor a nonce; robots.txt and the icons must reach crawlers
  // and browsers that have no session.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)' }],
};
