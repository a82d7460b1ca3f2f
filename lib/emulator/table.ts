/**
 * The store together with its attribute accessors: what the query engine, the endpoints
 * and the dataset view work on. Attribute paths are resolved here, aliases included.
 */
import { OBJECT_FIELDS, type ObjectName } from '../authy/vocabulary';
import { buildFields, type Field } from './fields';
import { buildPostings, type Postings } from './postings';
import type { Store } from './store';

export type Table = {
  store: Store;
  /** The accessor for an attribute path (aliases resolved), or null when no event has it. */
  field(path: string): Field | null;
  /**
   * A coded field's codes for every event, shifted by one (0 = the event lacks it). Built
   * on first use and kept: scans then read one typed array instead of calling accessors.
   */
  codeColumn(field: Field): Int32Array;
  /** Posting lists of a code column returned by codeColumn, built on first use and kept. */
  postings(codes: Int32Array): Postings;
};

const TYPE_PREFIX = /^(as|s|i|b|t)_/;

/**
 * The reference scopes by `user.authy_id` while events carry `objects.user.s_authy_id`:
 * a two-segment path `X.Y` (no `objects.` prefix, no type prefix on Y) names the field of
 * object X whose name is Y once its type prefix is removed.
 */
export function resolveAlias(path: string): string | null {
  const parts = path.split('.');
  if (parts.length !== 2 || parts[0] === 'objects' || TYPE_PREFIX.test(parts[1])) return null;
  const [object, name] = parts;
  if (!Object.hasOwn(OBJECT_FIELDS, object)) return null;
  const fields: readonly string[] = OBJECT_FIELDS[object as ObjectName];
  const match = fields.find((field) => field.replace(TYPE_PREFIX, '') === name);
  return match ? `objects.${object}.${match}` : null;
}

export function createTable(store: Store): Table {
  const fields = buildFields(store);
  const columns = new Map<Field, Int32Array>();
  const postings = new Map<Int32Array, Postings>();
  return {
    store,
    postings(codes) {
      let lists = postings.get(codes);
      if (!lists) {
        const field = [...columns].find(([, column]) => column === codes)?.[0];
        if (!field) throw new Error('postings: not a code column of this table');
        lists = buildPostings(codes, field.cardinality);
        postings.set(codes, lists);
      }
      return lists;
    },
    codeColumn(field) {
      let column = columns.get(field);
      if (!column) {
        column = new Int32Array(store.size);
        for (let i = 0; i < store.size; i++) column[i] = field.code(i) + 1;
        columns.set(field, column);
      }
      return column;
    },
    field(path) {
      const direct = fields.get(path);
      if (direct) return direct;
      const alias = resolveAlias(path);
      return alias ? (fields.get(alias) ?? null) : null;
    },
  };
}
