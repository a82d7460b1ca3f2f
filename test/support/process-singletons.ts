/**
 * For tests that change the environment and load modules afresh (`vi.resetModules`): per-process
 * singletons (lib/process-singleton.ts) live on `globalThis`, so they outlive a module reset.
 * Forgetting them makes the next load read the environment again, as a new process would.
 */
export function forgetProcessSingletons(): void {
  const holder = globalThis as { [key: symbol]: unknown };
  for (const key of Object.getOwnPropertySymbols(holder)) {
    if (key.description?.startsWith('authy-dashboard.')) delete holder[key];
  }
}
