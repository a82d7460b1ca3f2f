import type { InputHTMLAttributes, ReactNode } from 'react';
import { useId } from 'react';
import { cn } from './cn';

export const controlClasses =
  'h-10 rounded-md border border-gray-300 bg-white px-2.5 text-sm text-gray-900 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100 aria-[invalid=true]:border-red-600 dark:aria-[invalid=true]:border-red-400';

export const labelClasses = 'text-xs font-medium text-gray-700 dark:text-gray-300';

/** A label above a control, with an optional hint or error below, wired by id. */
export function Field({
  label,
  hideLabel,
  error,
  hint,
  className,
  children,
}: {
  label: string;
  hideLabel?: boolean;
  error?: string | null;
  hint?: ReactNode;
  className?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : labelClasses}>
        {label}
      </label>
      {children({ id, 'aria-describedby': note ? noteId : undefined, 'aria-invalid': error ? true : undefined })}
      {note && (
        <p
          id={noteId}
          className={cn('text-xs', error ? 'text-red-700 dark:text-red-400' : 'text-gray-600 dark:text-gray-400')}
        >
          {note}
        </p>
      )}
    </div>
  );
}

export type TextInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string;
  hideLabel?: boolean;
  error?: string | null;
  hint?: ReactNode;
};

export function TextInput({ label, hideLabel, error, hint, className, ...props }: TextInputProps) {
  return (
    <Field label={label} hideLabel={hideLabel} error={error} hint={hint} className={className}>
      {(wiring) => <input {...wiring} {...props} className={cn(controlClasses, 'min-w-0')} />}
    </Field>
  );
}
