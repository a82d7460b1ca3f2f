'use client';

import { OPERATOR_LABELS, OPERATORS, type Operator } from '@/lib/authy/vocabulary';
import { Button } from '@/components/ui/button';
import { filterControlClass } from './control-class';
import type { DraftCondition, RowIssues } from './validate-condition';
import { ValueInput } from './value-input';

type FilterRowProps = {
  idPrefix: string;
  index: number;
  draft: DraftCondition;
  issues: RowIssues;
  attributeListId: string;
  onChange(patch: Partial<Omit<DraftCondition, 'id'>>): void;
  onRemove(): void;
};

/** Columns shared by the rows and the headings above them (Tailwind needs the literal class). */
export const ROW_GRID = 'sm:grid-cols-[minmax(0,2fr)_minmax(7rem,1fr)_minmax(0,2fr)_5rem]';

/** Stable DOM ids, so the builder can move focus to the control that needs fixing. */
export function fieldId(idPrefix: string, field: keyof RowIssues, index: number): string {
  return `${idPrefix}-${field}-${index}`;
}

/** One condition: attribute, operator, value, and its problems explained beneath. */
export function FilterRow({ idPrefix, index, draft, issues, attributeListId, onChange, onRemove }: FilterRowProps) {
  const n = index + 1;
  const errorId = `${idPrefix}-error-${index}`;
  const messages = [issues.attribute, issues.operator, issues.value].filter((m): m is string => Boolean(m));

  return (
    <li
      className="rounded-md border border-gray-200 p-2 sm:border-0 sm:p-0 dark:border-gray-800"
      aria-label={`Filter ${n}`}
    >
      {/* The column headings are hidden on narrow screens, where rows stack: name the row instead. */}
      <p aria-hidden="true" className="mb-1 text-xs font-medium text-gray-700 sm:hidden dark:text-gray-300">
        Filter {n}
      </p>
      <div className={`grid grid-cols-1 gap-2 sm:items-start ${ROW_GRID}`}>
        <input
          id={fieldId(idPrefix, 'attribute', index)}
          aria-label={`Attribute ${n}`}
          aria-invalid={Boolean(issues.attribute) || undefined}
          aria-describedby={issues.attribute ? errorId : undefined}
          className={filterControlClass}
          type="text"
          list={attributeListId}
          autoComplete="off"
          spellCheck={false}
          placeholder="Attribute, e.g. event"
          value={draft.attribute}
          onChange={(e) => onChange({ attribute: e.target.value })}
        />
        <select
          id={fieldId(idPrefix, 'operator', index)}
          aria-label={`Operator ${n}`}
          aria-invalid={Boolean(issues.operator) || undefined}
          aria-describedby={issues.operator ? errorId : undefined}
          className={filterControlClass}
          value={draft.operator}
          onChange={(e) => onChange({ operator: e.target.value as Operator })}
        >
          {OPERATORS.map((operator) => (
            <option key={operator} value={operator}>
              {OPERATOR_LABELS[operator]}
            </option>
          ))}
        </select>
        <ValueInput
          id={fieldId(idPrefix, 'value', index)}
          label={`Value ${n}`}
          attribute={draft.attribute}
          operator={draft.operator}
          value={draft.value}
          invalid={Boolean(issues.value)}
          describedBy={issues.value ? errorId : undefined}
          hintId={`${idPrefix}-hint-${index}`}
          onChange={(value) => onChange({ value })}
        />
        <Button aria-label={`Remove filter ${n}`} onClick={onRemove}>
          <span aria-hidden="true">✕</span>
          <span aria-hidden="true" className="sm:hidden">
            Remove
          </span>
        </Button>
      </div>
      {messages.length > 0 && (
        <ul id={errorId} className="mt-1 space-y-0.5 text-sm text-red-700 dark:text-red-400">
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
