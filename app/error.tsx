'use client';

import { useEffect } from 'react';
import { Button } from '@/components/ui/button';

/** Last resort for a render error: the details stay in the console, the user gets a way back. */
export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" role="alert" className="mx-auto flex max-w-xl flex-col items-start gap-3 px-4 py-16">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        This page failed to render.{error.digest ? ` Reference: ${error.digest}.` : ''}
      </p>
      <Button variant="primary" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
