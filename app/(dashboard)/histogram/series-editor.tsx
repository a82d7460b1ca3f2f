'use client';

import { useState } from 'react';
import { FilterBuilder } from '@/components/filters/filter-builder';
import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';
import { MAX_REPORTS, type Condition, type Report } from '@/lib/authy/bracket-codec';
import { eventIs } from '@/lib/authy/conditions';
import { SERIES_NAME } from './search-params';

function nameProblem(name: string, others: readonly Report[]): string | null {
  if (!SERIES_NAME.test(name)) return 'Use 1–64 letters, digits, _ or -.';
  if (others.some((s) => s.name === name)) return 'Another series has this name.';
  return null;
}

function SeriesName({
  series,
  others,
  onRename,
}: {
  series: Report;
  others: readonly Report[];
  onRename: (name: string) => void;
}) {
  const [draft, setDraft] = useState(series.name);
  const problem = nameProblem(draft, others);
  const commit = () => {
    if (!problem && draft !== series.name) onRename(draft);
  };
  return (
    <TextInput
      label="Series name"
      value={draft}
      error={problem}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
      className="w-48"
    />
  );
}

function nextName(series: readonly Report[]): string {
  for (let i = series.length + 1; ; i++) if (!series.some((s) => s.name === `series_${i}`)) return `series_${i}`;
}

/** Named series, each a set of conditions edited with the shared filter builder. */
export function SeriesEditor({ series, onChange }: { series: Report[]; onChange: (series: Report[]) => void }) {
  const [status, setStatus] = useState('');
  const replace = (index: number, next: Report) => onChange(series.map((s, i) => (i === index ? next : s)));

  function setConditions(index: number, conditions: Condition[]) {
    if (conditions.length === 0) {
      setStatus(`A series needs at least one condition; remove "${series[index].name}" instead.`);
      return;
    }
    setStatus('');
    replace(index, { ...series[index], conditions });
  }

  return (
    <div className="flex flex-col gap-3">
      {series.map((s, index) => (
        <fieldset
          key={s.name}
          className="flex flex-col gap-2 rounded-md border border-gray-200 p-3 dark:border-gray-800"
        >
          <legend className="px-1 text-sm font-medium">Series {index + 1}</legend>
          <div className="flex flex-wrap items-end gap-2">
            <SeriesName
              series={s}
              others={series.filter((_, i) => i !== index)}
              onRename={(name) => replace(index, { ...s, name })}
            />
            <Button
              variant="ghost"
              size="sm"
              disabled={series.length === 1}
              onClick={() => onChange(series.filter((_, i) => i !== index))}
            >
              Remove series {s.name}
            </Button>
          </div>
          <FilterBuilder
            label={`Conditions of ${s.name}`}
            value={s.conditions}
            onChange={(conditions) => setConditions(index, conditions)}
          />
        </fieldset>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          disabled={series.length >= MAX_REPORTS}
          onClick={() => onChange([...series, { name: nextName(series), conditions: [eventIs('user_added')] }])}
        >
          Add series
        </Button>
        <p role="status" className="text-xs text-gray-700 dark:text-gray-300">
          {status}
        </p>
      </div>
    </div>
  );
}
