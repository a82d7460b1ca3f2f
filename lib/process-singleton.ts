/**
 * The one way to keep one of something per process. Next bundles each route, the proxy and
 * instrumentation separately, so a module-level variable exists once per bundle; a holder on
 * `globalThis` under a registered symbol (`Symbol.for`) is shared by all of them.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`authy-dashboard.${name}`);
  const holder = globalThis as { [key: symbol]: unknown };
  const existing = holder[key] as T | undefined;
  if (existing !== undefined) return existing;
  const created = create();
  holder[key] = created;
  return created;
}
