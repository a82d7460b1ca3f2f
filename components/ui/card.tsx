import type { HTMLAttributes, ReactNode } from 'react';
import { cn } from './cn';

export function Card({ className, ...props }: HTMLAttributes<HTMLElement>) {
  return (
    <section
      className={cn(
        'min-w-0 rounded-lg border border-gray-200 bg-white p-4 shadow-xs dark:border-gray-800 dark:bg-gray-900',
        className,
      )}
      {...props}
    />
  );
}

/** A card's heading row: the title on the left, actions (toggles, badges) on the right. */
export function CardHeader({
  title,
  id,
  actions,
  description,
}: {
  title: string;
  id?: string;
  actions?: ReactNode;
  description?: ReactNode;
}) {
  return (
    <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
      <div className="min-w-0">
        <h2 id={id} className="text-sm font-semibold text-gray-900 dark:text-gray-100">
          {title}
        </h2>
        {description && <p className="text-xs text-gray-600 dark:text-gray-400">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}
