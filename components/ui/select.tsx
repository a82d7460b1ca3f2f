import type { ReactNode } from 'react';
import { Field, controlClasses } from './field';
import { cn } from './cn';

export type SelectOption<T extends string> = { value: T; label: string };

/** A native select with a real label: keyboard and screen readers work without help. */
export function Select<T extends string>({
  label,
  hideLabel,
  value,
  options,
  onChange,
  hint,
  error,
  className,
  disabled,
}: {
  label: string;
  hideLabel?: boolean;
  value: T;
  options: readonly SelectOption<T>[];
  onChange(value: T): void;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  disabled?: boolean;
}) {
  return (
    <Field label={label} hideLabel={hideLabel} hint={hint} error={error} className={className}>
      {(wiring) => (
        <select
          {...wiring}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value as T)}
          className={cn(controlClasses, 'pr-8')}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
