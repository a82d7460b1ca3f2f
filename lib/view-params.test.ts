import { describe, expect, it } from 'vitest';
import { parseConditions, serializeConditions } from './view-params';

describe('condition URL encoding', () => {
  it('round-trips values holding the separators', () => {
    const conditions = [
      { attribute: 'event', operator: 'eq' as const, value: 'token_invalid' },
      { attribute: 'objects.user.s_locale', operator: 'lk' as const, value: 'e~n,%x' },
    ];
    expect(parseConditions(serializeConditions(conditions))).toEqual(conditions);
  });

  it('rejects a bad operator, attribute or value as a whole', () => {
    expect(parseConditions('event~is~x')).toBeNull();
    expect(parseConditions('bad path~eq~x')).toBeNull();
    expect(parseConditions('time~gte~yesterday')).toBeNull();
    expect(parseConditions('event~eq')).toBeNull();
  });
});
