// Runs before every page: sets the per-request CSP nonce and sends visitors without a valid
// session to /login (and back afterwards). API routes check the session themselves (lib/api/route.ts).
import { unsealData } from 'iron-session';
import { NextResponse, type NextRequest } from 'next/server';
import type { SessionData } from './lib/auth/session';
import { SESSION_COOKIE, sessionOptions } from './lib/auth/session';
import { settings } from './lib/env';
import { contentSecurityPolicy } from './lib/security-headers';

const PUBLIC_PAGES = ['/login'];

async function hasSession(request: NextRequest): Promise<boolean> {
  const sealed = request.cookies.get(SESSION_COOKIE)?.value;
  if (!sealed) return false;
  try {
    const { password, ttl } = sessionOptions();
    const data = await unsealData<SessionData>(sealed, { password, ttl });
    return Boolean(data.user);
  } catch {
    return false;
  }
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith('/api/');
  if (
    !isApi &&
    !PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`)) &&
    !(await hasSession(request))
  ) {
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
  return response;
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)' }],
};
