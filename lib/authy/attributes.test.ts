import { describe, expect, it } from 'vitest';
import { canonicalAttribute, valueTypeOf } from './attributes';

describe('canonicalAttribute', () => {
  it.each([
    ['user.authy_id', 'objects.user.s_authy_id'],
    ['objects.phone_verification.country_code', 'objects.phone_verification.s_country_code'],
    ['objects.phone_verification.code_length', 'objects.phone_verification.i_code_length'],
    ['device.creation_date', 'objects.device.t_creation_date'],
    ['user.authy_ids', 'objects.user.as_authy_ids'],
  ])('resolves the unprefixed %s to %s', (path, expected) => {
    expect(canonicalAttribute(path)).toBe(expected);
  });

  it.each([
    'event',
    'time',
    'request_id',
    'objects.user.s_authy_id',
    // a prefixed short form is not an alias: only the missing prefix is forgiven
    'user.s_authy_id',
    'objects.user.nope',
    'objects.nope.country_code',
    'nope.country_code',
    'objects.user.s_authy_id.deeper',
  ])('leaves %s as it is', (path) => {
    expect(canonicalAttribute(path)).toBe(path);
  });

  it('types a path by the field it resolves to', () => {
    expect(valueTypeOf('objects.phone_verification.code_length')).toBe('integer');
    expect(valueTypeOf('objects.device.t_creation_date')).toBe('time');
    expect(valueTypeOf('device.creation_date')).toBe('time');
  });
});
