/**
 * Demo mode only: the archive starts with the history the demo upstream no longer shows (older
 * than its retention), imported in bulk and labelled "demo pre-fill" in the status, so a fresh
 * demo shows months at once while the sync does its real work for the retention window and the
 * live edge. With a real key the sync refuses imports (`allowImport`), so this cannot run there.
 * It reaches a day into what the upstream still keeps: the upstream's edge moves on every
 * second, and the pre-fill must meet the backfill's oldest window, or the archive's history
 * would have a hole at that edge (an event imported twice is kept once). A restart imports
 * only what is newer than the last pre-fill's end.
 */
import 'server-only';
import type { AuthyEvent } from '../authy/responses';
import type { ArchiveSync } from './sync';

export const PREFILL_LABEL = 'demo pre-fill';

/**
 * Small batches, with a turn of the event loop between them: generating events and the embedded
 * store's inserts run on the main thread, and people's requests must get through meanwhile.
 */
const BATCH = 1_000;
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
const DAY = 86_400_000;
/** How far the pre-fill reaches into the upstream's retention window, to meet the backfill. */
const OVERLAP_MS = DAY;

export type PrefillSource = {
  /** The demo's events with time in [from, to), oldest first; from the beginning without `from`. */
  eventsIn(range: { from?: number; to: number }): Iterable<AuthyEvent>;
  /** Days the demo upstream keeps; 0 when it keeps everything (nothing to pre-fill). */
  retentionDays: number;
};

export async function prefillDemoArchive(
  sync: Pick<ArchiveSync, 'status' | 'importEvents' | 'markCovered'>,
  source: PrefillSource,
  now: number,
): Promise<{ imported: number; from: number; to: number } | null> {
  if (source.retentionDays <= 0) return null;
  const to = now - source.retentionDays * DAY + OVERLAP_MS;
  const done = (await sync.status()).imported.filter((i) => i.label === PREFILL_LABEL);
  const resumeAt = done.length > 0 ? Math.max(...done.map((i) => Date.parse(i.to))) : undefined;
  if (resumeAt !== undefined && resumeAt >= to) return null;
  let first: number | undefined;
  let imported = 0;
  let batch: AuthyEvent[] = [];
  for (const event of source.eventsIn({ from: resumeAt, to })) {
    first ??= Date.parse(event.time);
    batch.push(event);
    if (batch.length === BATCH) {
      imported += await sync.importEvents(batch, { label: PREFILL_LABEL });
      batch = [];
      await yieldToRequests();
    }
  }
  if (batch.length > 0) imported += await sync.importEvents(batch, { label: PREFILL_LABEL });
  // The demo's world begins with its first event: held from that day on.
  const from = resumeAt ?? Math.floor((first ?? to) / DAY) * DAY;
  if (from < to) await sync.markCovered(from, to, PREFILL_LABEL);
  return { imported, from, to };
}
