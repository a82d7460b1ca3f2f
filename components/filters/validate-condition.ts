/**
 * What the filter builder checks before anything reaches the URL: the same rules the server
 * applies (attribute shape, value type by prefix, one condition per attribute and operator),
 * phrased for a person and attached to the control that needs fixing. Pure, so it is tested
 * without a DOM.
 */
import { isAttributePath, valueProblem } from '@/lib/authy/attributes';
import { MAX_CONDITIONS, type Condition } from '@/lib/authy/bracket-codec';
import { OPERATOR_LABELS, type Operator } from '@/lib/authy/vocabulary';

/** A row as the user is editing it; `id` only keeps React keys stable across removals. */
export type DraftCondition = { id: number; attribute: string; operator: Operator; value: string };

export type RowIssues = { attribute?: string; operator?: string; value?: string };

export { MAX_CONDITIONS };

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function attributeProblem(attribute: string): string | null {
  const path = attribute.trim();
  if (path === '') return 'Choose an attribute, such as event or objects.user.s_country_code.';
  if (!isAttributePath(path)) {
    return `"${path}" is not an attribute path: names of letters, digits and _ joined by dots, such as objects.device.s_device_type.`;
  }
  return null;
}

/** A row with nothing typed in it is ignored, not an error: it is simply not a filter yet. */
export function isBlankRow(draft: DraftCondition): boolean {
  return draft.attribute.trim() === '' && draft.value === '';
}

/** Problems of each row, by index; rows without problems get an empty object. */
export function rowIssues(drafts: readonly DraftCondition[]): RowIssues[] {
  const seen = new Map<string, number>();
  return drafts.map((draft, index) => {
    if (isBlankRow(draft)) return {};
    const issues: RowIssues = {};
    const attribute = draft.attribute.trim();
    const attributeIssue = attributeProblem(attribute);
    if (attributeIssue) issues.attribute = attributeIssue;
    if (draft.value === '') {
      issues.value = 'Enter a value.';
    } else if (!attributeIssue) {
      const problem = valueProblem(attribute, draft.value);
      if (problem) issues.value = `${sentence(problem)}.`;
    }
    // The API takes one value per attribute and operator (`query[a][op]` once).
    const pair = `${attribute}\u0000${draft.operator}`;
    const earlier = seen.get(pair);
    if (earlier !== undefined && !attributeIssue) {
      issues.operator = `Filter ${earlier + 1} already uses ${attribute} ${OPERATOR_LABELS[draft.operator]}; change one of them.`;
    } else if (earlier === undefined) {
      seen.set(pair, index);
    }
    return issues;
  });
}

export function hasIssues(issues: RowIssues): boolean {
  return Boolean(issues.attribute || issues.operator || issues.value);
}

export type ApplyResult =
  { ok: true; conditions: Condition[] } | { ok: false; firstInvalidRow: number; field: keyof RowIssues };

/**
 * The conditions to put in the URL, or the first row to fix. All or nothing: applying only
 * some rows would silently show results for a different question than the one on screen.
 */
export function conditionsToApply(drafts: readonly DraftCondition[]): ApplyResult {
  const issues = rowIssues(drafts);
  const bad = issues.findIndex(hasIssues);
  if (bad >= 0) {
    const row = issues[bad];
    return {
      ok: false,
      firstInvalidRow: bad,
      field: row.attribute ? 'attribute' : row.operator ? 'operator' : 'value',
    };
  }
  const conditions = drafts
    .filter((draft) => !isBlankRow(draft))
    .map((draft): Condition => ({ attribute: draft.attribute.trim(), operator: draft.operator, value: draft.value }));
  return { ok: true, conditions };
}

export function toDrafts(conditions: readonly Condition[]): DraftCondition[] {
  return conditions.map((condition, index) => ({ id: index, ...condition }));
}
