import type { ReactNode } from 'react';

/**
 * A page's title row. `actions` sits on the right; the lead's "Save view" button goes there
 * too (see the marked slot), so every page gets it without touching the views.
 */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {description && <p className="text-sm text-gray-600 dark:text-gray-400">{description}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {actions}
        {/* SAVE VIEW SLOT: the lead adds <SaveViewButton /> here (reads the current URL). */}
      </div>
    </div>
  );
}
