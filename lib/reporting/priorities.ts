/**
 * The classes of work that share the upstream budget, highest first: a person waiting, the
 * archive's live edge, its window verification, its backfill, MAU counting, and the
 * auto-refresh of cached answers. When two wait, the higher class always goes first.
 */
import 'server-only';

export const PRIORITIES = ['interactive', 'live', 'verification', 'backfill', 'mau', 'background'] as const;

export type Priority = (typeof PRIORITIES)[number];

/** 0 for the highest class. */
export function rankOf(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}

/** The highest of several classes (a call shared by several requests goes at the best of theirs). */
export function highest(priorities: Iterable<Priority>): Priority {
  let best: Priority = PRIORITIES[PRIORITIES.length - 1];
  for (const priority of priorities) if (rankOf(priority) < rankOf(best)) best = priority;
  return best;
}
