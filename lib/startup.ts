/**
 * What the server does once when it starts: check every setting (a bad one stops it here, with
 * the variable named), open and migrate the store, make sure the right users exist, and start
 * the archive's sync.
 */
import 'server-only';
import { bootstrapUsers } from './auth/bootstrap';
import { store } from './db';
import { settings, SettingsError } from './env';
import { log } from './log';
import { startArchive } from './services';

export async function startServer(): Promise<void> {
  try {
    const s = settings();
    const { db, dialect } = await store();
    const notes = await bootstrapUsers(db, s);
    log.info({ mode: s.mode, store: dialect, redis: Boolean(s.REDIS_URL), archive: s.ARCHIVE }, 'dashboard started');
    for (const note of notes) log.info(note);
    startArchive();
  } catch (error) {
    if (error instanceof SettingsError) {
      console.error(`\n${error.message}\nSee the settings table in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }
}
