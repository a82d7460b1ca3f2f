import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it('keeps a local path with its query', () => {
    expect(safeNextPath('/events?range=7d&page=2')).toBe('/events?range=7d&page=2');
  });
  it.each(['https://evil.example', '//evil.example', '/\\evil.example', 'events', undefined, '/login?next=/x'])(
    'falls back to / for %s',
    (value) => {
      expect(safeNextPath(value)).toBe('/');
    },
  );
});
