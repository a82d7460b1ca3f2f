/** The process's one store, opened on first use from the settings. */
import 'server-only';
import { settings } from '../env';
import { processSingleton } from '../process-singleton';
import { openStore, type Store } from './connect';

export function store(): Promise<Store> {
  return processSingleton('store', () => {
    const s = settings();
    return openStore({ databaseUrl: s.DATABASE_URL, dataDir: s.DATA_DIR });
  });
}

export async function db() {
  return (await store()).db;
}
