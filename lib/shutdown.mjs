/**
 * Work to finish before the process exits (server.mjs runs it on SIGINT and SIGTERM). Plain
 * JavaScript, as lib/transport/peer.mjs, because server.mjs loads it outside Next's bundles; the
 * list lives on `globalThis` under a registered symbol, so every bundle adds to the same one.
 */
const KEY = Symbol.for('authy-dashboard.shutdown');

/** @returns {Array<() => Promise<void>>} */
function tasks() {
  const holder = /** @type {Record<symbol, Array<() => Promise<void>> | undefined>} */ (globalThis);
  return (holder[KEY] ??= []);
}

/** Adds `task` to what runs at shutdown. */
export function onShutdown(task) {
  tasks().push(task);
}

/** Runs every task at once and waits for them, at most `timeoutMs`; a failure does not stop the others. */
export async function runShutdown(timeoutMs) {
  const all = Promise.allSettled(tasks().map((task) => task()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}
