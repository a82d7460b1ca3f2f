import type { ButtonHTMLAttributes } from 'react';
import { cn } from './cn';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md';

// Colours come from the action tokens in app/globals.css (both themes, contrast-checked).
const VARIANTS: Record<ButtonVariant, string> = {
  primary: 'border border-primary bg-primary text-on-primary hover:border-primary-hover hover:bg-primary-hover',
  secondary: 'border border-secondary-border bg-secondary text-on-secondary hover:bg-secondary-hover',
  ghost: 'border border-transparent text-on-secondary hover:bg-secondary-hover',
  danger: 'border border-danger bg-danger text-on-danger hover:border-danger-hover hover:bg-danger-hover',
};

/** Disabled looks the same whatever the variant: grey, readable, plainly not pressable. */
const DISABLED =
  'disabled:cursor-not-allowed disabled:border-disabled-border disabled:bg-disabled disabled:text-on-disabled';

const SIZES: Record<ButtonSize, string> = {
  sm: 'h-8 px-2.5 text-sm gap-1.5',
  md: 'h-10 px-3.5 text-sm gap-2',
};

export function buttonClasses(
  variant: ButtonVariant = 'secondary',
  size: ButtonSize = 'md',
  className?: string,
): string {
  return cn(
    'inline-flex shrink-0 items-center justify-center rounded-md font-medium transition-colors',
    VARIANTS[variant],
    DISABLED,
    SIZES[size],
    className,
  );
}

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: ButtonSize };

export function Button({ variant, size, className, type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={buttonClasses(variant, size, className)} {...props} />;
}

/** A button that shows on/off state to assistive technology (aria-pressed). */
export function ToggleButton({
  pressed,
  onPressedChange,
  className,
  ...props
}: Omit<ButtonProps, 'onClick'> & { pressed: boolean; onPressedChange(pressed: boolean): void }) {
  return (
    <Button
      aria-pressed={pressed}
      onClick={() => onPressedChange(!pressed)}
      // The attribute variant outranks the base colours, so "on" always shows.
      className={cn(
        'aria-pressed:border-blue-600 aria-pressed:bg-blue-50 aria-pressed:text-blue-800 dark:aria-pressed:border-blue-400 dark:aria-pressed:bg-blue-950 dark:aria-pressed:text-blue-200',
        className,
      )}
      {...props}
    />
  );
}
