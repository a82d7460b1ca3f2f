/** The process's one store, opened on first use from the settings. */
import 'server-only';
import { settings } from '../env';
import { openStore, type Store } from './connect';

const globalStore = globalThis as typeof globalThis & { __authyDashboardStore?: Promise<Store> };

export function store(): Promise<Store> {
  const s = settings();
  globalStore.__authyDashboardStore ??= openStore({ databaseUrl: s.DATABASE_URL, dataDir: s.DATA_DIR });
  return globalStore.__authyDashboardStore;
}

export async function db() {
  return (await store()).db;
}
