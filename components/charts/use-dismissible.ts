'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * Content shown on hover or focus must be dismissible without moving the pointer or the focus
 * (WCAG 1.4.13): Escape hides the popup of the row under the pointer or with focus, until the
 * pointer or the focus leaves that row. Spread `props(key)` on each row; the popup hides on the
 * row's `data-dismissed`.
 */
export function useDismissible() {
  const [dismissed, setDismissed] = useState<string | null>(null);
  const shown = useRef<string | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && shown.current !== null) setDismissed(shown.current);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const leave = () => {
    shown.current = null;
    setDismissed(null);
  };
  return (key: string) => ({
    'data-dismissed': dismissed === key ? '' : undefined,
    onMouseEnter: () => (shown.current = key),
    onFocus: () => (shown.current = key),
    onMouseLeave: leave,
    onBlur: leave,
  });
}
