/** Which database the store runs on: the embedded libSQL file, or Postgres by URL. */
export type Dialect = 'postgres' | 'sqlite';
