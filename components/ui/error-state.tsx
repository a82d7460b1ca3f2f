import { ApiError } from '@/lib/api/errors';
import { Button } from './button';

function describe(error: unknown): { title: string; message: string; hint?: string } {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'rate_limited': {
        const wait = error.retryAfterSeconds
          ? ` Try again in about ${Math.ceil(error.retryAfterSeconds)} seconds.`
          : '';
        return {
          title: 'API budget spent',
          message: error.message,
          hint: `The Authy API allows 30 calls a minute and 300 an hour.${wait}`,
        };
      }
      case 'over_call_cap':
        return {
          title: 'This view would spend more upstream calls than one request may unasked',
          message: error.message,
          hint: 'The calls are shared by everyone on the team; reload the page to be asked first.',
        };
      case 'unauthorized':
        return { title: 'Signed out', message: error.message, hint: 'Sign in again to see the data.' };
      case 'bad_request':
        return {
          title: 'This view asks for something the API refuses',
          message: error.message,
          hint: error.field ? `Parameter: ${error.field}` : undefined,
        };
      case 'upstream_timeout':
        return { title: 'The Authy API did not answer in time', message: error.message };
      default:
        return { title: 'Could not load the data', message: error.message };
    }
  }
  return { title: 'Could not load the data', message: error instanceof Error ? error.message : 'Unknown error' };
}

/** The server's own message, what it means, and a way to try again. */
export function ErrorState({ error, onRetry, compact }: { error: unknown; onRetry?: () => void; compact?: boolean }) {
  const { title, message, hint } = describe(error);
  const signIn = error instanceof ApiError && error.code === 'unauthorized';
  return (
    <div
      role="alert"
      className={`flex flex-col items-start gap-2 rounded-md border border-red-200 bg-red-50 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100 ${compact ? 'p-3' : 'p-4'}`}
    >
      <p className="font-semibold">{title}</p>
      <p>{message}</p>
      {hint && <p className="text-xs text-red-800 dark:text-red-200">{hint}</p>}
      <div className="flex gap-2">
        {onRetry && (
          <Button size="sm" onClick={onRetry}>
            Retry
          </Button>
        )}
        {signIn && (
          <a href="/login" className="inline-flex h-8 items-center rounded-md px-2.5 text-sm font-medium underline">
            Sign in
          </a>
        )}
      </div>
    </div>
  );
}
