'use client';

import type { Operator } from '@/lib/authy/vocabulary';
import { filterControlClass } from './control-class';
import { EVENT_GROUPS, TIME_EXAMPLE, valueControl, valueSuggestions } from './value-suggestions';

type ValueInputProps = {
  id: string;
  label: string;
  attribute: string;
  operator: Operator;
  value: string;
  invalid: boolean;
  describedBy: string | undefined;
  hintId: string;
  onChange(value: string): void;
};

const KNOWN_EVENTS = new Set<string>(EVENT_GROUPS.flatMap((group) => group.events));

/** The value control that suits the attribute: a pick list, a time hint, or text. */
export function ValueInput({
  id,
  label,
  attribute,
  operator,
  value,
  invalid,
  describedBy,
  hintId,
  onChange,
}: ValueInputProps) {
  const control = valueControl(attribute, operator);
  const common = {
    id,
    'aria-label': label,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    className: filterControlClass,
  };

  if (control === 'event-select') {
    return (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose an event…</option>
        {/* A name from a shared URL that the reference does not list stays selectable. */}
        {value !== '' && !KNOWN_EVENTS.has(value) && <option value={value}>{value}</option>}
        {EVENT_GROUPS.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.events.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    );
  }

  if (control === 'boolean-select') {
    return (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }

  if (control === 'time') {
    return (
      <>
        <input
          {...common}
          type="text"
          inputMode="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={TIME_EXAMPLE}
          aria-describedby={[hintId, describedBy].filter(Boolean).join(' ')}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
        <span id={hintId} className="sr-only">
          An ISO 8601 time in UTC, such as {TIME_EXAMPLE}
        </span>
      </>
    );
  }

  const suggestions = valueSuggestions(attribute);
  const listId = suggestions.length > 0 ? `${id}-suggestions` : undefined;
  return (
    <>
      <input
        {...common}
        type="text"
        inputMode={control === 'integer' ? 'numeric' : 'text'}
        autoComplete="off"
        spellCheck={false}
        placeholder={control === 'integer' ? 'A whole number' : 'Value'}
        list={listId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {listId && (
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
    </>
  );
}
