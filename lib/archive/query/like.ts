/**
 * The API's `lk` pattern as a SQL LIKE pattern (escape character `\`). `*` matches any run of
 * characters and then the pattern must match the whole value; without `*` it matches
 * anywhere in the value. Every other character, SQL's own `%` and `_` included, is literal.
 */
export function likePattern(value: string): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`).replaceAll('*', '%');
  return value.includes('*') ? escaped : `%${escaped}%`;
}
