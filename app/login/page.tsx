import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { DEMO_USER } from '@/lib/auth/bootstrap';
import { currentUser, requestClient } from '@/lib/auth/session';
import { transportWarning } from '@/lib/auth/transport-warning';
import { settings } from '@/lib/env';
import { LoginForm } from './login-form';
import { safeNextPath } from './safe-next-path';

export const metadata = { title: 'Sign in · Authy Reporting' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await currentUser()) redirect(next);
  const s = settings();
  const demo = s.mode === 'demo';
  const { protocol } = await requestClient();
  const warning = transportWarning(protocol, (await headers()).get('host'), s.SESSION_COOKIE_SECURE);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 p-6">
      <div>
        <h1 className="text-2xl font-semibold">Authy Reporting</h1>
        <p className="text-sm text-gray-600 dark:text-gray-300">
          Sign in to see your application&apos;s two-factor traffic.
        </p>
      </div>
      {warning && (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100"
        >
          {warning.message}
        </p>
      )}
      {demo && (
        <p
          role="note"
          className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          Demo data: sign in as <strong>{DEMO_USER.name}</strong> with password <strong>{DEMO_USER.password}</strong>.
        </p>
      )}
      <LoginForm next={next} />
    </main>
  );
}
