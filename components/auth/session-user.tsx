'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { SessionUser } from '@/lib/auth/roles';

// The signed-in user, handed down once from the dashboard layout so client pieces (Save view,
// report actions) can adapt to the role without asking the server again.
const SessionUserContext = createContext<SessionUser | null>(null);

export function SessionUserProvider({ user, children }: { user: SessionUser | null; children: ReactNode }) {
  return <SessionUserContext.Provider value={user}>{children}</SessionUserContext.Provider>;
}

export function useSessionUser(): SessionUser | null {
  return useContext(SessionUserContext);
}
