'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';
import { Select, type SelectOption } from '@/components/ui/select';
import { formatDateTime, fromDateTimeInput, toDateTimeInput } from '@/lib/format';
import { resolveTimeSpec, type TimeSpec } from '@/lib/queries/time-spec';
import { RANGE_LABELS, RANGE_PRESETS, type RangePreset } from '@/lib/ranges';
import { useIsClient } from './use-is-client';
import { useRangeParams } from './use-range-params';

type Choice = RangePreset | 'custom';

const OPTIONS: SelectOption<Choice>[] = [
  ...RANGE_PRESETS.map((preset) => ({ value: preset, label: RANGE_LABELS[preset] })),
  { value: 'custom', label: 'Custom…' },
];

/**
 * The time range: a preset (stays relative in the URL) or a custom from–to (absolute). Custom
 * times are typed in the viewer's zone, or in UTC when the UTC toggle is on.
 */
export function RangePicker({ clearOnChange }: { clearOnChange?: readonly string[] }) {
  const { view, spec, update } = useRangeParams(clearOnChange);
  const [editing, setEditing] = useState(false);
  const choice: Choice = editing || spec.kind === 'absolute' ? 'custom' : spec.range;

  function choose(next: Choice) {
    if (next === 'custom') {
      setEditing(true);
      return;
    }
    setEditing(false);
    update({ range: next, from: null, to: null });
  }

  return (
    <div className="flex flex-wrap items-end gap-2">
      <Select label="Time range" value={choice} options={OPTIONS} onChange={choose} />
      {choice === 'custom' && (
        <CustomRangeForm
          key={`${spec.kind === 'absolute' ? spec.from + spec.to : ''}${view.utc}`}
          spec={spec}
          utc={view.utc}
          onApply={(from, to) => {
            setEditing(false);
            // A custom window replaces the preset: the URL says one thing, not both.
            update({ range: null, from: new Date(from), to: new Date(to) });
          }}
          onCancel={spec.kind === 'absolute' ? undefined : () => setEditing(false)}
        />
      )}
    </div>
  );
}

function CustomRangeForm({
  spec,
  utc,
  onApply,
  onCancel,
}: {
  spec: TimeSpec;
  utc: boolean;
  onApply(from: number, to: number): void;
  onCancel?: () => void;
}) {
  const isClient = useIsClient();
  // A draft until "Apply": starts from the window on screen (a preset resolved now).
  const [draft] = useState(() => resolveTimeSpec(spec, Date.now()));
  const [initial] = useState(() => ({ from: toDateTimeInput(draft.from, utc), to: toDateTimeInput(draft.to, utc) }));
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const fromMs = fromDateTimeInput(from, utc);
  const toMs = fromDateTimeInput(to, utc);
  const problem =
    fromMs === null || toMs === null ? 'Enter both times.' : fromMs >= toMs ? '"From" must be before "To".' : null;
  // A custom window already shown, untouched, has nothing to apply; a preset turned custom does.
  const unchanged = spec.kind === 'absolute' && from === initial.from && to === initial.to;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!problem && !unchanged && fromMs !== null && toMs !== null) onApply(fromMs, toMs);
  }

  // Times depend on the viewer's zone, which the server does not know: render after hydration.
  if (!isClient) return null;
  const zone = utc ? 'UTC' : 'your time';
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Custom time range">
      <TextInput
        label={`From (${zone})`}
        type="datetime-local"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        required
      />
      <TextInput
        label={`To (${zone})`}
        type="datetime-local"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        required
      />
      <Button type="submit" variant="primary" disabled={problem !== null || unchanged}>
        Apply
      </Button>
      {onCancel && (
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      )}
      {problem && fromMs !== null && toMs !== null && (
        <p role="alert" className="w-full text-xs text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      <p className="sr-only" aria-live="polite">
        {fromMs !== null && toMs !== null && !problem
          ? `From ${formatDateTime(fromMs, utc)} to ${formatDateTime(toMs, utc)}`
          : ''}
      </p>
    </form>
  );
}
