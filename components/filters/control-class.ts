/** One look for the builder's inputs and selects; red border when the control needs fixing. */
export function controlClass(invalid: boolean): string {
  return [
    'h-9 w-full min-w-0 rounded-md border bg-white px-2 text-sm shadow-xs dark:bg-gray-900',
    invalid ? 'border-red-600 dark:border-red-400' : 'border-gray-300 dark:border-gray-700',
  ].join(' ');
}

export const buttonClass =
  'inline-flex h-9 items-center justify-center gap-1 rounded-md border border-gray-300 bg-white px-3 text-sm font-medium hover:bg-gray-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-gray-700 dark:bg-gray-900 dark:hover:bg-gray-800';

export const primaryButtonClass =
  'inline-flex h-9 items-center justify-center gap-1 rounded-md bg-gray-900 px-3 text-sm font-medium text-white hover:bg-gray-700 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-gray-100 dark:text-gray-900 dark:hover:bg-gray-300';
