import Link from 'next/link';
import { ArchiveIndicator } from '@/components/archive/archive-indicator';
import { UserMenu } from '@/components/auth/user-menu';
import { Badge } from '@/components/ui/badge';
import type { SessionUser } from '@/lib/auth/roles';
import { BudgetIndicator } from './budget-indicator';
import { NavLinks } from './nav-links';
import { ThemeToggle } from './theme-toggle';

/** The dashboard's header: name, navigation, demo badge, archive coverage, budget, theme and who is signed in. */
export function AppHeader({ user, mode }: { user: SessionUser | null; mode: 'demo' | 'live' }) {
  return (
    <header className="border-b border-gray-200 bg-white dark:border-gray-800 dark:bg-gray-900">
      <div className="mx-auto flex max-w-7xl flex-col gap-2 px-4 py-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex items-center gap-2">
            <Link href="/" prefetch={false} className="text-base font-semibold tracking-tight">
              Authy Reporting
            </Link>
            {mode === 'demo' && (
              <Badge tone="info" title="No AUTHY_API_KEY is set: the data comes from the built-in emulator.">
                Demo data
              </Badge>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {user && <ArchiveIndicator />}
            <BudgetIndicator />
            <ThemeToggle />
            {user ? (
              <UserMenu user={user} />
            ) : (
              <Link href="/login" className="text-sm font-medium underline">
                Sign in
              </Link>
            )}
          </div>
        </div>
        <NavLinks />
      </div>
    </header>
  );
}
