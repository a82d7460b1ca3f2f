'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { isAttributePath } from '@/lib/authy/attributes';
import { KNOWN_ATTRIBUTES } from '@/lib/authy/vocabulary';
import { COMMON_FIELDS } from './search-params';

const OTHER = '__other';

/** A common field from the list, or any dotted attribute path typed in (suggestions from the vocabulary). */
export function FieldPicker({ value, onChange }: { value: string; onChange: (field: string) => void }) {
  const common = COMMON_FIELDS.some((f) => f.value === value);
  const [other, setOther] = useState(!common);
  const [draft, setDraft] = useState(common ? '' : value);
  const [error, setError] = useState<string | null>(null);

  function apply(event: FormEvent) {
    event.preventDefault();
    const field = draft.trim();
    if (!isAttributePath(field)) {
      setError('Use a dotted attribute path such as objects.user.s_locale.');
      return;
    }
    setError(null);
    onChange(field);
  }

  return (
    <div className="flex flex-wrap items-end gap-2">
      <Select
        label="Field"
        value={other ? OTHER : value}
        options={[...COMMON_FIELDS, { value: OTHER, label: 'Other attribute…' }]}
        onChange={(next) => {
          setOther(next === OTHER);
          if (next !== OTHER) onChange(next);
        }}
      />
      {other && (
        <form onSubmit={apply} className="flex items-end gap-2" aria-label="Other attribute">
          <TextInput
            label="Attribute path"
            value={draft}
            list="terms-known-attributes"
            placeholder="objects.user.s_locale"
            error={error}
            onChange={(e) => setDraft(e.target.value)}
            className="w-64 max-w-full"
          />
          <datalist id="terms-known-attributes">
            {KNOWN_ATTRIBUTES.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <Button type="submit" variant="primary" disabled={draft.trim() === '' || draft.trim() === value}>
            Apply
          </Button>
        </form>
      )}
    </div>
  );
}
