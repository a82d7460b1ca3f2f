'use client';

import { useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { THEME_STORAGE_KEY } from './theme-script';

// The `dark` class on <html> is the source of truth (set before paint by the theme script);
// a MutationObserver lets React follow it without keeping a copy in state.
function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

const isDark = () => document.documentElement.classList.contains('dark');

export function ThemeToggle() {
  const dark = useSyncExternalStore(subscribe, isDark, () => false);
  function toggle() {
    const next = !dark;
    document.documentElement.classList.toggle('dark', next);
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next ? 'dark' : 'light');
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={toggle}
      aria-label={dark ? 'Switch to light theme' : 'Switch to dark theme'}
    >
      <span aria-hidden="true">{dark ? '☀' : '☾'}</span>
      <span className="hidden sm:inline">{dark ? 'Light' : 'Dark'}</span>
    </Button>
  );
}
