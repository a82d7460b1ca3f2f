'use client';

import { useState } from 'react';
import type { Condition } from '@/lib/authy/bracket-codec';
import { serializeConditions } from '@/lib/view-params';
import { conditionsToApply, rowIssues, toDrafts, type DraftCondition, type RowIssues } from './validate-condition';

function appliedKey(drafts: readonly DraftCondition[]): string | null {
  const result = conditionsToApply(drafts);
  return result.ok ? serializeConditions(result.conditions) : null;
}

/**
 * The rows being edited. The applied conditions live in the caller's state (the URL); these
 * drafts are the unapplied edits. When the applied conditions change from elsewhere (back
 * button, a link) the drafts restart from them, adjusted during render (React's "store
 * information from previous renders"), not by an effect; our own Apply comes back equal to the
 * drafts and leaves them, and the focus, where they are.
 */
export function useFilterDrafts(value: readonly Condition[]) {
  const valueKey = serializeConditions(value);
  const [drafts, setDrafts] = useState<DraftCondition[]>(() => toDrafts(value));
  const [sourceKey, setSourceKey] = useState(valueKey);
  const [nextId, setNextId] = useState(value.length);
  // Empty fields are only reported after an Apply attempt: a new row is not an error yet.
  const [attempted, setAttempted] = useState(false);

  if (sourceKey !== valueKey) {
    setSourceKey(valueKey);
    if (appliedKey(drafts) !== valueKey) {
      setDrafts(toDrafts(value));
      setNextId(value.length);
      setAttempted(false);
    }
  }

  const issues: RowIssues[] = rowIssues(drafts).map((rowIssue, index) =>
    attempted
      ? rowIssue
      : {
          ...rowIssue,
          attribute: drafts[index].attribute.trim() === '' ? undefined : rowIssue.attribute,
          value: drafts[index].value === '' ? undefined : rowIssue.value,
        },
  );

  return {
    drafts,
    issues,
    dirty: appliedKey(drafts) !== valueKey,
    add() {
      setDrafts((rows) => [...rows, { id: nextId, attribute: '', operator: 'eq', value: '' }]);
      setNextId((id) => id + 1);
    },
    update(index: number, patch: Partial<Omit<DraftCondition, 'id'>>) {
      setDrafts((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    },
    remove(index: number) {
      setDrafts((rows) => rows.filter((_, i) => i !== index));
    },
    reset() {
      setDrafts(toDrafts(value));
      setAttempted(false);
    },
    clear() {
      setDrafts([]);
      setAttempted(false);
    },
    markAttempted() {
      setAttempted(true);
    },
  };
}
