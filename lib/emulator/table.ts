/**
 * The store together with its attribute accessors: what the query engine, the endpoints
 * and the dataset view work on. Attribute paths are resolved here, aliases included.
 */
import { canonicalAttribute } from '../authy/attributes';
import { buildFields, type Field } from './fields';
import { buildPostings, type Postings } from './postings';
import type { Store } from './store';

export type Table = {
  store: Store;
  /** The accessor for an attribute path (resolved by `canonicalAttribute`), or null when no event has it. */
  field(path: string): Field | null;
  /**
   * A coded field's codes for every event, shifted by one (0 = the event lacks it). Built
   * on first use and kept: scans then read one typed array instead of calling accessors.
   */
  codeColumn(field: Field): Int32Array;
  /** Posting lists of a code column returned by codeColumn, built on first use and kept. */
  postings(codes: Int32Array): Postings;
};

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
      return fields.get(canonicalAttribute(path)) ?? null;
    },
  };
}
