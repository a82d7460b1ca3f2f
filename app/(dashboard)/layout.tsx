import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { SessionUserProvider } from '@/components/auth/session-user';
import { AppHeader } from '@/components/layout/app-header';
import { currentUser } from '@/lib/auth/session';
import { settings } from '@/lib/env';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // proxy.ts let a live cookie through; the store may still say the session has ended.
  const user = await currentUser();
  if (!user) redirect('/login');
  return (
    <SessionUserProvider user={user}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-gray-900"
      >
        Skip to content
      </a>
      <AppHeader user={user} mode={settings().mode} />
      <main id="main" className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-4">
        {children}
      </main>
    </SessionUserProvider>
  );
}
