'use client';

import { buttonClasses } from '@/components/ui/button';
import type { SessionUser } from '@/lib/auth/roles';

/** Who is signed in, and the way out. */
export function UserMenu({ user }: { user: SessionUser }) {
  async function signOut() {
    await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' });
    // A full navigation on purpose: it drops every cached query of the signed-out user.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign('/login');
  }
  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="text-gray-600 dark:text-gray-300">
        {user.name} <span className="text-xs uppercase">({user.role})</span>
      </span>
      <button type="button" onClick={signOut} className={buttonClasses('secondary', 'sm')}>
        Sign out
      </button>
    </div>
  );
}
