'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { parseInterval } from '@/lib/authy/interval';
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
  value: string | null;
  autoLabel: string;
  onChange: (interval: string | null) => void;
  check: (interval: string) => string | null;
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
    const problem = next === AUTO ? null : check(next);
    if (problem) return setError(problem);
    onChange(next === AUTO ? null : next);
  }

  function applyCustom(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    const problem = parseInterval(text) ? check(text) : 'Use a length such as 30m, 1.5h, 2d or 1w (at least a minute).';
    setError(problem);
    if (!problem) onChange(text);
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
