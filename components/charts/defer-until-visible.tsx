'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ChartSkeleton } from '@/components/ui/skeleton';

// Charts waiting to mount, drawn one per task: six Recharts charts mounted together make one
// main-thread task of a second on a slow machine; one at a time, input and paint get turns.
const queue: Array<() => void> = [];
let draining = false;

function drain() {
  const mount = queue.shift();
  if (!mount) {
    draining = false;
    return;
  }
  draining = true;
  mount();
  setTimeout(drain, 30);
}

function schedule(mount: () => void) {
  queue.push(mount);
  if (!draining) setTimeout(drain, 0);
  draining = true;
}

/** Mounts a chart only once it is near the viewport, and only one chart per task. */
export function DeferUntilVisible({ height, label, children }: { height: number; label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || visible) return;
    let cancelled = false;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        schedule(() => {
          if (!cancelled) setVisible(true);
        });
      },
      { rootMargin: '100px' },
    );
    observer.observe(element);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [visible]);
  if (visible) return <>{children}</>;
  return (
    <div ref={ref}>
      <ChartSkeleton height={height} label={label} />
    </div>
  );
}
