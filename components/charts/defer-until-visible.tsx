'use client';

import { startTransition, useEffect, useRef, useState, type ReactNode } from 'react';
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

/**
 * Mounts a chart only once it is near the viewport, and only one chart per task. The chart is
 * given the width its placeholder had, so it draws at its final size in that one task rather
 * than drawing empty, measuring, and drawing again later together with every other chart.
 */
export function DeferUntilVisible({
  height,
  label,
  load,
  children,
}: {
  height: number;
  label: string;
  /** The chart's code: loaded before the chart queues, so charts waiting on it do not all draw in one task when it lands. */
  load: () => Promise<unknown>;
  children: (width: number) => ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  const visible = width !== null;
  useEffect(() => {
    const element = ref.current;
    if (!element || visible) return;
    let cancelled = false;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        const mount = () =>
          schedule(() => {
            // A transition: React may split the chart's first render into slices between tasks.
            if (!cancelled) startTransition(() => setWidth(Math.round(element.getBoundingClientRect().width)));
          });
        // Code that failed to load still mounts: the chart's own loader then reports the failure
        // instead of a skeleton spinning forever.
        load().then(mount, mount);
      },
      { rootMargin: '100px' },
    );
    observer.observe(element);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [visible, load]);
  if (visible) return <>{children(width)}</>;
  return (
    <div ref={ref}>
      <ChartSkeleton height={height} label={label} />
    </div>
  );
}
