/**
 * The SQL that differs between the store's dialects: reading typed values from an event's
 * JSON (SQLite's json_* functions on the text body, Postgres's jsonb operators on `doc`),
 * binary string order, case-insensitive LIKE and rendering epoch ms as ISO text. Everything
 * else in the query engine is written once, on top of these.
 *
 * A field's value counts only when its JSON type fits the field's prefix: a string for `s_`
 * (and unprefixed) fields, a number for `i_`, a boolean for `b_`, a time string in the API's
 * form (`2019-09-13T21:49:06.463Z`) for `t_`, an array of strings for `as_`. Anything else
 * (missing, null, an object, another type) reads as SQL null, which no condition matches and
 * terms do not count.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../../db/dialect';

export type Fragment<T = unknown> = RawBuilder<T>;

/**
 * The string elements of a JSON array: a table function for FROM, to be aliased `alias`,
 * the test that keeps string elements of arrays, and an element's text.
 */
export type Elements = { from: Fragment; where: Fragment<SqlBool>; text: Fragment<string> };

export interface DialectSql {
  readonly dialect: Dialect;
  string(path: readonly string[]): Fragment<string | null>;
  number(path: readonly string[]): Fragment<number | null>;
  /** A JSON boolean, comparable with `booleanValue`. */
  boolean(path: readonly string[]): Fragment;
  booleanValue(value: boolean): Fragment;
  /** A number's or boolean's JSON text (`86400`, `true`): what `lk` matches and terms count. */
  scalarText(path: readonly string[], type: 'integer' | 'boolean'): Fragment<string | null>;
  /** A `t_` field in the API's ISO form, which sorts as the instants do. */
  isoTime(path: readonly string[]): Fragment<string | null>;
  elements(path: readonly string[], alias: string): Elements;
  /** Epoch ms as the API renders times (`2019-09-13T21:49:06.463Z`). */
  isoOfMs(ms: Fragment<number>): Fragment<string>;
  /** Text in code-unit order for comparisons and sorting. */
  binary(text: Fragment<string | null>): Fragment<string | null>;
  /** Case-insensitive LIKE with `\` as the escape character. */
  like(text: Fragment<string | null>, pattern: string): Fragment<SqlBool>;
}

const ISO_GLOB = '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
const ISO_REGEX = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z$';

const sqlite: DialectSql = {
  dialect: 'sqlite',
  string: (path) => sql`(CASE WHEN json_type(body, ${jsonPath(path)}) = 'text' THEN body ->> ${jsonPath(path)} END)`,
  number: (path) =>
    sql`(CASE WHEN json_type(body, ${jsonPath(path)}) IN ('integer', 'real') THEN body ->> ${jsonPath(path)} END)`,
  boolean: (path) => sql`(CASE json_type(body, ${jsonPath(path)}) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)`,
  booleanValue: (value) => sql.lit(value ? 1 : 0),
  scalarText: (path, type) =>
    type === 'integer'
      ? sql`(CASE WHEN json_type(body, ${jsonPath(path)}) IN ('integer', 'real') THEN body -> ${jsonPath(path)} END)`
      : sql`(CASE json_type(body, ${jsonPath(path)}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' END)`,
  isoTime: (path) =>
    sql`(CASE WHEN json_type(body, ${jsonPath(path)}) = 'text' AND body ->> ${jsonPath(path)} GLOB ${sql.lit(ISO_GLOB)}
      THEN body ->> ${jsonPath(path)} END)`,
  elements: (path, alias) => ({
    from: sql`json_each(body, ${jsonPath(path)})`,
    where: sql`(json_type(body, ${jsonPath(path)}) = 'array' AND ${sql.ref(`${alias}.type`)} = 'text')`,
    text: sql`${sql.ref(`${alias}.value`)}`,
  }),
  isoOfMs: (ms) => sql`(strftime('%Y-%m-%dT%H:%M:%S', ${ms} / 1000, 'unixepoch') || printf('.%03dZ', ${ms} % 1000))`,
  binary: (text) => text,
  like: (text, pattern) => sql`${text} LIKE ${pattern} ESCAPE '\\'`,
};

const postgres: DialectSql = {
  dialect: 'postgres',
  string: (path) => sql`(CASE WHEN jsonb_typeof(doc #> ${path}) = 'string' THEN doc #>> ${path} END)`,
  number: (path) => sql`(CASE WHEN jsonb_typeof(doc #> ${path}) = 'number' THEN (doc #> ${path})::numeric END)`,
  boolean: (path) => sql`(CASE WHEN jsonb_typeof(doc #> ${path}) = 'boolean' THEN (doc #> ${path})::boolean END)`,
  booleanValue: (value) => sql.lit(value),
  scalarText: (path, type) =>
    sql`(CASE WHEN jsonb_typeof(doc #> ${path}) = ${type === 'integer' ? 'number' : 'boolean'} THEN doc #>> ${path} END)`,
  isoTime: (path) =>
    sql`(CASE WHEN jsonb_typeof(doc #> ${path}) = 'string' AND (doc #>> ${path}) ~ ${sql.lit(ISO_REGEX)}
      THEN doc #>> ${path} END)`,
  elements: (path, alias) => ({
    from: sql`jsonb_array_elements(CASE WHEN jsonb_typeof(doc #> ${path}) = 'array' THEN doc #> ${path} END)`,
    where: sql`(jsonb_typeof(${sql.ref(`${alias}.value`)}) = 'string')`,
    text: sql`(${sql.ref(`${alias}.value`)} #>> '{}')`,
  }),
  isoOfMs: (ms) => sql`to_char(timestamp 'epoch' + ${ms} * interval '1 millisecond', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  binary: (text) => sql`(${text} COLLATE "C")`,
  like: (text, pattern) => sql`${text} ILIKE ${pattern} ESCAPE '\\'`,
};

/** SQLite's JSON path; segments are attribute-path identifiers, so they need no quoting. */
function jsonPath(path: readonly string[]): string {
  return `$.${path.join('.')}`;
}

export function dialectSql(dialect: Dialect): DialectSql {
  return dialect === 'postgres' ? postgres : sqlite;
}
