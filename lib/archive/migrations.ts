/**
 * The archive's migrations, appended to the store's own list (lib/db/migrations.ts) and run
 * with it on open. Written with Kysely's schema builder; where the dialects must differ (the
 * integer type of epoch milliseconds, Postgres's collation and jsonb copy, trigger syntax),
 * the dialect is passed in. Append; never edit a released migration.
 */
import { sql, type Kysely, type Migration, type RawBuilder } from 'kysely';
import type { Dialect } from '../db/dialect';

/**
 * The counts kept beside archive_events: per application, period and event name, how many
 * events the archive holds. Days and hours of UTC, aligned to the epoch.
 */
export const COUNT_GRAINS = [
  { table: 'archive_events_daily', ms: 86_400_000 },
  { table: 'archive_events_hourly', ms: 3_600_000 },
] as const;

/**
 * Copied fields also counted per day, value and event name (`archive_events_daily_values`),
 * for terms on them: a month of device types is a few hundred counts, not tens of thousands
 * of events to sort.
 */
export const VALUE_COUNTS = {
  table: 'archive_events_daily_values',
  ms: 86_400_000,
  fields: ['device_type', 'country_code'],
} as const;

export function archiveMigrations(dialect: Dialect): Record<string, Migration> {
  // Epoch milliseconds pass 2^31: Postgres needs bigint; SQLite's integer is already 64-bit.
  const epochMs = dialect === 'postgres' ? 'bigint' : 'integer';
  // Strings compare in code-unit (binary) order, as the API compares them. SQLite's default
  // collation is binary already; Postgres's default follows the server's locale, so every
  // compared text column is declared "C".
  const binaryText = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    '2026-11-30-001-archive-events': {
      async up(db: Kysely<unknown>) {
        let table = db.schema
          .createTable('archive_events')
          .addColumn('app_id', 'text', (c) => c.notNull())
          .addColumn('time_ms', epochMs, (c) => c.notNull())
          .addColumn('request_id', binaryText, (c) => c.notNull())
          .addColumn('event', binaryText, (c) => c.notNull())
          .addColumn('user_id', binaryText)
          .addColumn('device_type', binaryText)
          .addColumn('country_code', binaryText)
          .addColumn('body', 'text', (c) => c.notNull());
        // The query engine's Postgres SQL reads fields from a parsed copy; SQLite parses the text.
        if (dialect === 'postgres') {
          table = table.addColumn('doc', 'jsonb', (c) => c.generatedAlwaysAs(sql`body::jsonb`).stored());
        }
        await table
          .addPrimaryKeyConstraint('archive_events_identity', ['app_id', 'request_id', 'event', 'time_ms'])
          .execute();
        // Time ranges newest first with the page order's tie-breakers, then the copied
        // columns: counts, users and filters on them are read from the index alone.
        const copied = ['user_id', 'device_type', 'country_code'];
        await db.schema
          .createIndex('archive_events_time')
          .on('archive_events')
          .columns(['app_id', 'time_ms', 'request_id', 'event', ...copied])
          .execute();
        // The same for the events of one name: the usual events page.
        await db.schema
          .createIndex('archive_events_event')
          .on('archive_events')
          .columns(['app_id', 'event', 'time_ms', 'request_id', ...copied])
          .execute();
        for (const grain of COUNT_GRAINS) {
          let counts = db.schema
            .createTable(grain.table)
            .addColumn('app_id', 'text', (c) => c.notNull())
            .addColumn('start_ms', epochMs, (c) => c.notNull())
            .addColumn('event', binaryText, (c) => c.notNull())
            .addColumn('events', 'integer', (c) => c.notNull())
            .addPrimaryKeyConstraint(`${grain.table}_key`, ['app_id', 'start_ms', 'event']);
          // Clustered on the key, so a range of periods is one read with its counts in it.
          if (dialect === 'sqlite') counts = counts.modifyEnd(sql`WITHOUT ROWID`);
          await counts.execute();
        }
        let values = db.schema
          .createTable(VALUE_COUNTS.table)
          .addColumn('app_id', 'text', (c) => c.notNull())
          .addColumn('field', 'text', (c) => c.notNull())
          .addColumn('start_ms', epochMs, (c) => c.notNull())
          .addColumn('value', binaryText, (c) => c.notNull())
          .addColumn('event', binaryText, (c) => c.notNull())
          .addColumn('events', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint(`${VALUE_COUNTS.table}_key`, ['app_id', 'field', 'start_ms', 'value', 'event']);
        if (dialect === 'sqlite') values = values.modifyEnd(sql`WITHOUT ROWID`);
        await values.execute();
        for (const statement of dialect === 'postgres' ? postgresCountTriggers() : sqliteCountTriggers()) {
          await statement.execute(db);
        }
      },
    },
  };
}

/** The start of the period of `ms` holding t, for any t (a floor, not SQL's truncating %). */
const periodOf = (t: string, ms: number) => sql.raw(`${t} - ((${t} % ${ms}) + ${ms}) % ${ms}`);

/** One count down where `key` matches, and the row gone at zero. */
const decrement = (table: string, key: RawBuilder<unknown>) => sql`
  UPDATE ${sql.table(table)} SET events = events - 1 WHERE ${key};
  DELETE FROM ${sql.table(table)} WHERE ${key} AND events <= 0;`;

/** SQLite has row triggers only: a few upserts per row inserted (rows skipped as duplicates fire none). */
function sqliteCountTriggers(): RawBuilder<unknown>[] {
  const add = (row: string) => [
    ...COUNT_GRAINS.map(
      (grain) => sql`
        INSERT INTO ${sql.table(grain.table)} (app_id, start_ms, event, events)
        VALUES (${sql.raw(row)}.app_id, ${periodOf(`${row}.time_ms`, grain.ms)}, ${sql.raw(row)}.event, 1)
        ON CONFLICT (app_id, start_ms, event) DO UPDATE SET events = events + 1;`,
    ),
    ...VALUE_COUNTS.fields.map(
      (field) => sql`
        INSERT INTO ${sql.table(VALUE_COUNTS.table)} (app_id, field, start_ms, value, event, events)
        SELECT ${sql.raw(row)}.app_id, ${sql.lit(field)}, ${periodOf(`${row}.time_ms`, VALUE_COUNTS.ms)},
          ${sql.raw(`${row}.${field}`)}, ${sql.raw(row)}.event, 1
        WHERE ${sql.raw(`${row}.${field}`)} IS NOT NULL
        ON CONFLICT (app_id, field, start_ms, value, event) DO UPDATE SET events = events + 1;`,
    ),
  ];
  const remove = (row: string) => [
    ...COUNT_GRAINS.map((grain) =>
      decrement(
        grain.table,
        sql`app_id = ${sql.raw(row)}.app_id AND start_ms = ${periodOf(`${row}.time_ms`, grain.ms)}
          AND event = ${sql.raw(row)}.event`,
      ),
    ),
    ...VALUE_COUNTS.fields.map((field) =>
      decrement(
        VALUE_COUNTS.table,
        sql`app_id = ${sql.raw(row)}.app_id AND field = ${sql.lit(field)}
          AND start_ms = ${periodOf(`${row}.time_ms`, VALUE_COUNTS.ms)} AND value = ${sql.raw(`${row}.${field}`)}
          AND event = ${sql.raw(row)}.event`,
      ),
    ),
  ];
  return [
    sql`CREATE TRIGGER archive_events_count_insert AFTER INSERT ON archive_events
        BEGIN ${sql.join(add('NEW'), sql` `)} END`,
    sql`CREATE TRIGGER archive_events_count_delete AFTER DELETE ON archive_events
        BEGIN ${sql.join(remove('OLD'), sql` `)} END`,
    sql`CREATE TRIGGER archive_events_count_update
        AFTER UPDATE OF app_id, time_ms, event, ${sql.raw(VALUE_COUNTS.fields.join(', '))} ON archive_events
        BEGIN ${sql.join([...remove('OLD'), ...add('NEW')], sql` `)} END`,
  ];
}

/**
 * Postgres counts each statement's rows at once, from its transition tables (`added`,
 * `removed`). Rows are grouped and taken in key order, so two writers lock counters in the
 * same order.
 */
function postgresCountTriggers(): RawBuilder<unknown>[] {
  /** Rows of a transition table as (key columns…, n), one per key, in key order. */
  const grouped = (from: string) => [
    ...COUNT_GRAINS.map((grain) => ({
      table: grain.table,
      key: ['app_id', 'start_ms', 'event'],
      rows: sql`SELECT app_id, ${periodOf('time_ms', grain.ms)} AS start_ms, event, count(*) AS n
                FROM ${sql.raw(from)} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    })),
    {
      table: VALUE_COUNTS.table,
      key: ['app_id', 'field', 'start_ms', 'value', 'event'],
      rows: sql`SELECT app_id, field, start_ms, value, event, count(*) AS n FROM (${sql.join(
        VALUE_COUNTS.fields.map(
          (field) => sql`SELECT app_id, ${sql.lit(field)} AS field, ${periodOf('time_ms', VALUE_COUNTS.ms)} AS start_ms,
            ${sql.ref(field)} AS value, event FROM ${sql.raw(from)} WHERE ${sql.ref(field)} IS NOT NULL`,
        ),
        sql` UNION ALL `,
      )}) v GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    },
  ];
  const matches = (key: string[], other: string) => sql.raw(key.map((k) => `c.${k} = ${other}.${k}`).join(' AND '));
  const subtract = grouped('removed').map(
    ({ table, key, rows }) => sql`
      UPDATE ${sql.table(table)} c SET events = c.events - gone.n FROM (${rows}) gone WHERE ${matches(key, 'gone')};
      DELETE FROM ${sql.table(table)} c USING (${rows}) gone WHERE ${matches(key, 'gone')} AND c.events <= 0;`,
  );
  const add = grouped('added').map(
    ({ table, key, rows }) => sql`
      INSERT INTO ${sql.table(table)} AS c (${sql.raw(key.join(', '))}, events) ${rows}
      ON CONFLICT (${sql.raw(key.join(', '))}) DO UPDATE SET events = c.events + excluded.events;`,
  );
  const trigger = (name: string, on: string, tables: string) =>
    sql`CREATE TRIGGER ${sql.raw(name)} AFTER ${sql.raw(on)} ON archive_events
        REFERENCING ${sql.raw(tables)} FOR EACH STATEMENT EXECUTE FUNCTION archive_events_count()`;
  return [
    sql`CREATE FUNCTION archive_events_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('DELETE', 'UPDATE') THEN ${sql.join(subtract, sql` `)} END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN ${sql.join(add, sql` `)} END IF;
      RETURN NULL;
    END $$`,
    trigger('archive_events_count_insert', 'INSERT', 'NEW TABLE AS added'),
    trigger('archive_events_count_delete', 'DELETE', 'OLD TABLE AS removed'),
    trigger('archive_events_count_update', 'UPDATE', 'OLD TABLE AS removed NEW TABLE AS added'),
  ];
}
