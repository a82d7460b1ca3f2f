import { describe, expect, it } from 'vitest';
import { parseAsField, parseAsSize, termsSearchParamsCache } from './search-params';

describe('terms URL', () => {
  it('takes any dotted attribute path as the field', () => {
    expect(parseAsField.parse('objects.user.s_locale')).toBe('objects.user.s_locale');
    expect(parseAsField.parse('user.authy_id')).toBe('user.authy_id');
    expect(parseAsField.parse('objects..x')).toBeNull();
    expect(parseAsField.parse('objects.user.s_locale;drop')).toBeNull();
  });

  it('takes sizes from 1 to 100', () => {
    expect(parseAsSize.parse('1')).toBe(1);
    expect(parseAsSize.parse('100')).toBe(100);
    expect(parseAsSize.parse('0')).toBeNull();
    expect(parseAsSize.parse('101')).toBeNull();
    expect(parseAsSize.parse('1e2')).toBeNull();
  });

  it('falls back to the defaults for what it cannot read', () => {
    const parsed = termsSearchParamsCache.parse({ field: '../etc', size: 'many', f: 'event~eq~token_invalid' });
    expect(parsed).toMatchObject({ field: 'objects.device.s_device_type', size: 10, view: 'chart', range: '30d' });
    expect(parsed.f).toEqual([{ attribute: 'event', operator: 'eq', value: 'token_invalid' }]);
  });
});
