import type { ReactNode } from 'react';
import { SaveViewButton } from '@/components/reports/save-view-button';

/**
 * A page's title row. `actions` sits on the right, then "Save view", so every page can be
 * saved for the team without touching the views.
 */
export function PageHeader({
  title,
  description,
  actions,
  saveView = true,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Every view page can be saved; pages that are not views (saved reports) turn it off. */
  saveView?: boolean;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {description && <p className="text-sm text-gray-600 dark:text-gray-400">{description}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {actions}
        {saveView && <SaveViewButton />}
      </div>
    </div>
  );
}
