/**
 * What a saved report may point at: a dashboard page and a query that page's URL contract
 * accepts. Every parameter must be one the page knows and must parse; anything else is refused
 * with the parameter named, so a saved link cannot carry junk that the page would silently drop.
 */
import type { SingleParserBuilder } from 'nuqs/server';

// Each page registers its parsers (the same ones its search-params.ts gives nuqs).
export type ViewContract = Record<string, Pick<SingleParserBuilder<unknown>, 'parse'>>;

export type ViewPathProblem = { field: 'path'; message: string };

export const MAX_VIEW_PATH_LENGTH = 4000;

export function checkViewPath(
  path: string,
  contracts: Readonly<Record<string, ViewContract>>,
): { ok: true; path: string; page: string } | { ok: false; problem: ViewPathProblem } {
  const fail = (message: string) => ({ ok: false as const, problem: { field: 'path' as const, message } });
  if (path.length > MAX_VIEW_PATH_LENGTH) return fail(`path is longer than ${MAX_VIEW_PATH_LENGTH} characters`);
  if (!path.startsWith('/') || path.startsWith('//'))
    return fail('path must be a dashboard path such as /events?range=7d');
  let url: URL;
  try {
    url = new URL(path, 'http://dashboard.invalid');
  } catch {
    return fail('path is not a valid URL path');
  }
  const contract = contracts[url.pathname];
  if (!contract) return fail(`path must be one of the dashboard pages: ${Object.keys(contracts).join(', ')}`);
  for (const [key, value] of url.searchParams) {
    const parser = contract[key];
    if (!parser) return fail(`${url.pathname} has no parameter "${key}"`);
    if (parser.parse(value) === null) return fail(`"${value}" is not a valid ${key} for ${url.pathname}`);
  }
  return { ok: true, path: `${url.pathname}${url.search}`, page: url.pathname };
}
