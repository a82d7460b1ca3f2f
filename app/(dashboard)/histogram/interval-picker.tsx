'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { isInterval, type IntervalParam } from '@/lib/authy/interval';
import { INTERVAL_CHOICES, intervalLabel } from '@/lib/queries/intervals';

const AUTO = 'auto';
const CUSTOM = 'custom';

/**
 * A named interval, "Auto" (fit the range), or a custom length such as 1.5h, checked with the
 * same parser the API uses. `check` may refuse one that would cut the window too finely.
 */
export function IntervalPicker({
  value,
  autoLabel,
  onChange,
  check,
}: {
  value: IntervalParam | null;
  autoLabel: IntervalParam;
  onChange: (interval: IntervalParam | null) => void;
  check: (interval: IntervalParam) => string | null;
}) {
  const isNamed = value === null || (INTERVAL_CHOICES as readonly string[]).includes(value);
  const [custom, setCustom] = useState(!isNamed);
  const [draft, setDraft] = useState(isNamed ? '' : (value ?? ''));
  const [error, setError] = useState<string | null>(null);
  const options = [
    { value: AUTO, label: `Auto (${intervalLabel(autoLabel)})` },
    ...INTERVAL_CHOICES.map((choice) => ({ value: choice, label: intervalLabel(choice) })),
    { value: CUSTOM, label: 'Custom length…' },
  ];

  function choose(next: string) {
    setError(null);
    if (next === CUSTOM) return setCustom(true);
    setCustom(false);
    const interval = isInterval(next) ? next : null;
    const problem = interval === null ? null : check(interval);
    if (problem) return setError(problem);
    onChange(interval);
  }

  function applyCustom(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    const problem = isInterval(text) ? check(text) : 'Use a length such as 30m, 1.5h, 2d or 1w (at least a minute).';
    setError(problem);
    if (!problem && isInterval(text)) onChange(text);
  }

  return (
    <div className="flex flex-wrap items-end gap-2">
      <Select
        label="Interval"
        value={custom ? CUSTOM : (value ?? AUTO)}
        options={options}
        onChange={choose}
        error={custom ? null : error}
      />
      {custom && (
        <form onSubmit={applyCustom} className="flex items-end gap-2" aria-label="Custom interval">
          <TextInput
            label="Interval length"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="1.5h"
            error={error}
            className="w-28"
          />
          <Button type="submit" variant="primary" disabled={draft.trim() === '' || draft.trim() === value}>
            Apply
          </Button>
        </form>
      )}
    </div>
  );
}
