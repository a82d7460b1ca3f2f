import { parseAsInteger, parseAsStringLiteral } from 'nuqs/server';
import { describe, expect, it } from 'vitest';
import { checkViewPath } from './view-paths';
import { parseAsConditions, rangeParsers } from './view-params';

const contracts = {
  '/events': { ...rangeParsers, f: parseAsConditions, page: parseAsInteger },
  '/terms': { ...rangeParsers, field: parseAsStringLiteral(['event']) },
};

describe('checkViewPath', () => {
  it('accepts a page with parameters its contract parses', () => {
    expect(checkViewPath('/events?range=7d&f=event~eq~token_invalid&page=2', contracts)).toMatchObject({
      ok: true,
      page: '/events',
    });
  });

  it.each([
    ['https://evil.example/events', /dashboard path/],
    ['//evil.example/events', /dashboard path/],
    ['/admin', /one of the dashboard pages/],
    ['/events?sort=desc', /no parameter "sort"/],
    ['/events?range=forever', /not a valid range/],
    ['/events?f=event~is~x', /not a valid f/],
    [`/events?f=${'x'.repeat(5000)}`, /longer than/],
  ])('refuses %s', (path, message) => {
    const result = checkViewPath(path, contracts);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toMatch(message);
  });
});
