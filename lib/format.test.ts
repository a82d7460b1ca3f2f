import { describe, expect, it } from 'vitest';
import { formatShare } from './format';

describe('formatShare', () => {
  it('is a percentage of the whole, to a tenth', () => {
    expect(formatShare(6128, 17123)).toBe('35.8%');
    expect(formatShare(17123, 17123)).toBe('100%');
  });

  it('never rounds a real share down to 0%', () => {
    expect(formatShare(1, 17123)).toBe('<0.1%');
    expect(formatShare(0, 17123)).toBe('0%');
  });

  it('has no share of nothing', () => {
    expect(formatShare(0, 0)).toBe('—');
  });
});
