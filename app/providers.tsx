'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { getQueryClient } from '@/lib/query-client';
import { syncBudgetFromResponses } from '@/lib/queries/budget';

export function Providers({ children }: { children: ReactNode }) {
  const client = getQueryClient();
  useEffect(() => syncBudgetFromResponses(client), [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
