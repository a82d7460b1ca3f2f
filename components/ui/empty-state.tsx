import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex min-h-32 flex-col items-center justify-center gap-1 rounded-md border border-dashed border-gray-300 p-6 text-center dark:border-gray-700">
      <p className="text-sm font-medium text-gray-800 dark:text-gray-200">{title}</p>
      {children && <div className="text-xs text-gray-600 dark:text-gray-400">{children}</div>}
    </div>
  );
}
