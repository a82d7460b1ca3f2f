import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareKeys, inRange, KeySpace } from './key-space';

const digits = new KeySpace('0123456789');

describe('key positions', () => {
  it('follow string order, prefixes first ("105" < "1050" < "106")', () => {
    const keys = ['1', '10', '105', '1050', '10500', '106', '2', '99999'];
    const positions = keys.map((k) => digits.position(k));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(new Set(positions).size).toBe(keys.length);
  });

  it('are non-decreasing in key order for any keys over the alphabet', () => {
    const space = new KeySpace(KeySpace.alphabetOf(['0123456789abcdef']));
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{0,10}$/), fc.stringMatching(/^[0-9a-f]{0,10}$/), (a, b) => {
        const [lo, hi] = compareKeys(a, b) <= 0 ? [a, b] : [b, a];
        expect(space.position(lo)).toBeLessThanOrEqual(space.position(hi));
      }),
    );
  });

  it('turn back into keys at or below the position, always above the lower bound', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.stringMatching(/^[1-9][0-9]{0,5}$/),
        (p, above) => {
          const key = digits.keyAt(p, above);
          expect(key > above).toBe(true);
          if (digits.position(above) < p - 1e-9) expect(digits.position(key)).toBeLessThanOrEqual(p + 1e-12);
        },
      ),
    );
  });

  it('spread evenly-spaced ids of mixed lengths about evenly (no empty band at block starts)', () => {
    const width = (lo: string, hi: string) => digits.position(hi) - digits.position(lo);
    // "8"→"82" and "82"→"84" hold the same number of five-digit ids.
    expect(width('80000', '82000') / width('82000', '84000')).toBeCloseTo(1, 1);
  });

  it('treat characters outside the alphabet as sitting between their neighbours', () => {
    const space = new KeySpace('09');
    expect(space.position('05')).toBeGreaterThan(space.position('0'));
    expect(space.position('05')).toBeLessThan(space.position('09'));
  });
});

describe('ranges', () => {
  it('are [lo, hi) with open ends as null', () => {
    expect(inRange('5', { lo: null, hi: null })).toBe(true);
    expect(inRange('5', { lo: '5', hi: '6' })).toBe(true);
    expect(inRange('6', { lo: '5', hi: '6' })).toBe(false);
    expect(inRange('55', { lo: '5', hi: '6' })).toBe(true);
  });
});
