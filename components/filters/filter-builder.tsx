'use client';

import { useId, useState, type FormEvent } from 'react';
import type { Condition } from '@/lib/authy/bracket-codec';
import { Button } from '@/components/ui/button';
import { fieldId, FilterRow, ROW_GRID } from './filter-row';
import { useFilterDrafts } from './use-filter-drafts';
import { conditionsToApply, MAX_CONDITIONS } from './validate-condition';
import { ATTRIBUTE_SUGGESTIONS } from './value-suggestions';

export type FilterBuilderProps = {
  /** The applied conditions (from the URL). Only valid conditions are ever passed back. */
  value: Condition[];
  /** Called on Apply or Clear with the complete new list; the caller resets its page. */
  onChange(conditions: Condition[]): void;
  /** Names the group for assistive technology and as its visible heading. */
  label: string;
  /** A line under the heading, e.g. what the filters scope. */
  description?: string;
};

/**
 * Rows of attribute / operator / value conditions, checked as they are typed and applied
 * together. Nothing invalid reaches `onChange`, so nothing invalid reaches the URL or the API.
 */
export function FilterBuilder({ value, onChange, label, description }: FilterBuilderProps) {
  const idPrefix = useId();
  const attributeListId = `${idPrefix}-attributes`;
  const { drafts, issues, dirty, add, update, remove, reset, clear, markAttempted } = useFilterDrafts(value);
  const [status, setStatus] = useState('');

  function focusField(field: 'attribute' | 'operator' | 'value', index: number) {
    // Runs after React commits the new row; rAF keeps it out of the current event's render.
    requestAnimationFrame(() => document.getElementById(fieldId(idPrefix, field, index))?.focus());
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const result = conditionsToApply(drafts);
    if (!result.ok) {
      markAttempted();
      setStatus(`Filter ${result.firstInvalidRow + 1} needs fixing; no filters were applied.`);
      focusField(result.field, result.firstInvalidRow);
      return;
    }
    setStatus(result.conditions.length === 0 ? 'Filters cleared.' : `${result.conditions.length} filter(s) applied.`);
    onChange(result.conditions);
  }

  function addRow() {
    add();
    setStatus('');
    focusField('attribute', drafts.length);
  }

  function removeRow(index: number) {
    remove(index);
    setStatus(`Filter ${index + 1} removed; apply to update the results.`);
    if (drafts.length > 1) focusField('attribute', Math.max(0, index - 1));
  }

  function clearAll() {
    clear();
    setStatus('Filters cleared.');
    onChange([]);
  }

  const headingId = `${idPrefix}-heading`;
  return (
    <form
      role="group"
      aria-labelledby={headingId}
      onSubmit={apply}
      noValidate
      className="space-y-3 rounded-lg border border-gray-200 bg-white p-3 dark:border-gray-800 dark:bg-gray-900"
    >
      <div>
        <h2 id={headingId} className="text-sm font-semibold">
          {label}
        </h2>
        {description && <p className="text-sm text-gray-600 dark:text-gray-400">{description}</p>}
      </div>
      <datalist id={attributeListId}>
        {ATTRIBUTE_SUGGESTIONS.map((attribute) => (
          <option key={attribute} value={attribute} />
        ))}
      </datalist>
      {drafts.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">No filters: every event in the range.</p>
      ) : (
        <>
          <div
            aria-hidden="true"
            className={`hidden text-xs font-medium text-gray-700 sm:grid dark:text-gray-300 ${ROW_GRID}`}
          >
            <span>Attribute</span>
            <span>Operator</span>
            <span>Value</span>
          </div>
          <ul className="space-y-2">
            {drafts.map((draft, index) => (
              <FilterRow
                key={draft.id}
                idPrefix={idPrefix}
                index={index}
                draft={draft}
                issues={issues[index]}
                attributeListId={attributeListId}
                onChange={(patch) => {
                  update(index, patch);
                  setStatus('');
                }}
                onRemove={() => removeRow(index)}
              />
            ))}
          </ul>
        </>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={addRow} disabled={drafts.length >= MAX_CONDITIONS}>
          Add filter
        </Button>
        <Button type="submit" variant="primary" disabled={!dirty}>
          Apply filters
        </Button>
        {dirty && (
          <Button variant="ghost" onClick={reset}>
            Discard changes
          </Button>
        )}
        {value.length > 0 && (
          <Button variant="ghost" onClick={clearAll}>
            Clear filters
          </Button>
        )}
        <p role="status" className="text-sm text-gray-600 dark:text-gray-400">
          {dirty && !status ? 'Changes not applied yet.' : status}
        </p>
      </div>
    </form>
  );
}
