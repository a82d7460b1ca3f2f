/**
 * The archive's migrations, appended to the store's own list (lib/db/migrations.ts) and run
 * with it on open. Written with Kysely's schema builder; where the dialects must differ (the
 * integer type of epoch milliseconds, Postgres's collation and jsonb copy, trigger syntax),
 * the dialect is passed in. Append; never edit a released migration.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../db/dialect';

/** One hour in milliseconds: the grain of `archive_events_hourly`. */
export const HOUR_MS = 3_600_000;

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
        if (dialect === 'postgres')
          table = table.addColumn('doc', 'jsonb', (c) => c.generatedAlwaysAs(sql`body::jsonb`).stored());
        await table
          .addPrimaryKeyConstraint('archive_events_identity', ['app_id', 'request_id', 'event', 'time_ms'])
          .execute();
        // Time ranges newest first with the page order's tie-breakers, and (covering) the
        // extracted columns, so counts, terms and scans on them never read a body.
        await db.schema
          .createIndex('archive_events_time')
          .on('archive_events')
          .columns(['app_id', 'time_ms', 'request_id', 'event', 'user_id', 'device_type', 'country_code'])
          .execute();
        // Events of one name, newest first: the usual events page.
        await db.schema
          .createIndex('archive_events_event')
          .on('archive_events')
          .columns(['app_id', 'event', 'time_ms', 'request_id'])
          .execute();
        await db.schema
          .createTable('archive_events_hourly')
          .addColumn('app_id', 'text', (c) => c.notNull())
          .addColumn('hour_ms', epochMs, (c) => c.notNull())
          .addColumn('event', binaryText, (c) => c.notNull())
          .addColumn('events', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('archive_events_hourly_key', ['app_id', 'hour_ms', 'event'])
          .execute();
        for (const statement of dialect === 'postgres' ? postgresHourlyTriggers : sqliteHourlyTriggers) {
          await statement.execute(db);
        }
      },
    },
  };
}

// The hour holding t, for any t (a floor, not SQL's truncating %).
const hourOf = (t: string) => sql.raw(`${t} - ((${t} % ${HOUR_MS}) + ${HOUR_MS}) % ${HOUR_MS}`);

const sqliteAdd = (row: 'NEW') => sql`
  INSERT INTO archive_events_hourly (app_id, hour_ms, event, events)
  VALUES (${sql.raw(row)}.app_id, ${hourOf(`${row}.time_ms`)}, ${sql.raw(row)}.event, 1)
  ON CONFLICT (app_id, hour_ms, event) DO UPDATE SET events = events + 1;`;

const sqliteRemove = (row: 'OLD') => sql`
  UPDATE archive_events_hourly SET events = events - 1
  WHERE app_id = ${sql.raw(row)}.app_id AND hour_ms = ${hourOf(`${row}.time_ms`)} AND event = ${sql.raw(row)}.event;
  DELETE FROM archive_events_hourly
  WHERE app_id = ${sql.raw(row)}.app_id AND hour_ms = ${hourOf(`${row}.time_ms`)} AND event = ${sql.raw(row)}.event
    AND events <= 0;`;

/** SQLite has row triggers only: one upsert per row inserted (rows skipped as duplicates fire none). */
const sqliteHourlyTriggers = [
  sql`CREATE TRIGGER archive_events_hourly_insert AFTER INSERT ON archive_events BEGIN ${sqliteAdd('NEW')} END`,
  sql`CREATE TRIGGER archive_events_hourly_delete AFTER DELETE ON archive_events BEGIN ${sqliteRemove('OLD')} END`,
  sql`CREATE TRIGGER archive_events_hourly_update AFTER UPDATE OF app_id, time_ms, event ON archive_events
      BEGIN ${sqliteRemove('OLD')} ${sqliteAdd('NEW')} END`,
];

/**
 * Postgres counts each statement's rows at once, from its transition tables (`added`,
 * `removed`). Rows are grouped and taken in key order, so two writers lock counters in the
 * same order.
 */
const postgresHourlyTriggers = [
  sql`CREATE FUNCTION archive_events_hourly_count() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      UPDATE archive_events_hourly h SET events = h.events - gone.n
      FROM (SELECT app_id, ${hourOf('time_ms')} AS hour_ms, event, count(*) AS n FROM removed GROUP BY 1, 2, 3) gone
      WHERE h.app_id = gone.app_id AND h.hour_ms = gone.hour_ms AND h.event = gone.event;
      DELETE FROM archive_events_hourly h
      USING (SELECT DISTINCT app_id, ${hourOf('time_ms')} AS hour_ms, event FROM removed) gone
      WHERE h.app_id = gone.app_id AND h.hour_ms = gone.hour_ms AND h.event = gone.event AND h.events <= 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO archive_events_hourly AS h (app_id, hour_ms, event, events)
      SELECT app_id, ${hourOf('time_ms')}, event, count(*) FROM added GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (app_id, hour_ms, event) DO UPDATE SET events = h.events + excluded.events;
    END IF;
    RETURN NULL;
  END $$`,
  sql`CREATE TRIGGER archive_events_hourly_insert AFTER INSERT ON archive_events
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION archive_events_hourly_count()`,
  sql`CREATE TRIGGER archive_events_hourly_delete AFTER DELETE ON archive_events
      REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION archive_events_hourly_count()`,
  sql`CREATE TRIGGER archive_events_hourly_update AFTER UPDATE ON archive_events
      REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION archive_events_hourly_count()`,
];
