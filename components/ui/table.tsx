import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cn } from './cn';

/** A scrollable, captioned data table; numbers right-aligned with tabular figures. */
export function Table({
  caption,
  captionHidden,
  className,
  children,
  ...props
}: HTMLAttributes<HTMLTableElement> & { caption: string; captionHidden?: boolean }) {
  return (
    <div className="max-w-full overflow-x-auto">
      <table className={cn('w-full border-collapse text-sm', className)} {...props}>
        <caption className={captionHidden ? 'sr-only' : 'mb-2 text-left text-xs text-gray-600 dark:text-gray-400'}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export function THead(props: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className="border-b border-gray-200 dark:border-gray-700" {...props} />;
}

export function TBody(props: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className="divide-y divide-gray-100 dark:divide-gray-800" {...props} />;
}

export function Tr(props: HTMLAttributes<HTMLTableRowElement>) {
  return <tr {...props} />;
}

export function Th({ numeric, className, ...props }: ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return (
    <th
      scope="col"
      className={cn(
        'px-2 py-1.5 text-xs font-semibold text-gray-700 dark:text-gray-300',
        numeric ? 'text-right' : 'text-left',
        className,
      )}
      {...props}
    />
  );
}

export function Td({ numeric, className, ...props }: TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return <td className={cn('px-2 py-1.5', numeric ? 'text-right tabular-nums' : 'text-left', className)} {...props} />;
}
