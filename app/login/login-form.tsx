'use client';

import { useState, type FormEvent } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { ApiError } from '@/lib/api/errors';
import { fetchJson } from '@/lib/api/fetcher';

export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await fetchJson('/api/session', {
        method: 'POST',
        body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
      });
      // A full navigation, so every server component renders with the new session.
      window.location.assign(next);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not reach the server.');
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-describedby={error ? 'login-error' : undefined}>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Username
        <input
          name="username"
          autoComplete="username"
          required
          className="rounded border px-3 py-2 text-base dark:bg-gray-900"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="rounded border px-3 py-2 text-base dark:bg-gray-900"
        />
      </label>
      {error && (
        <p id="login-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClasses('primary')}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
