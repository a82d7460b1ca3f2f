/**
 * The button colour tokens in app/globals.css, read from the file itself: every text colour on
 * its background passes WCAG AA (4.5:1) and every button edge shows against the page (3:1), in
 * the light and the dark theme.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(path.resolve(__dirname, '../../app/globals.css'), 'utf8');

function tokens(selector: string): Record<string, string> {
  const block = new RegExp(`${selector.replace('.', '\\.')}\\s*\\{([^}]*--action-[^}]*)\\}`).exec(css);
  if (!block) throw new Error(`no action tokens under ${selector}`);
  return Object.fromEntries([...block[1].matchAll(/--action-([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function hue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

// The page backgrounds buttons sit on: the body (gray-50 / gray-950) and cards (white / gray-900).
const SURFACES = { light: ['#f9fafb', '#ffffff'], dark: ['#030712', '#111827'] };

describe.each([
  ['light', ':root'],
  ['dark', ':root.dark'],
] as const)('%s theme', (theme, selector) => {
  const t = tokens(selector);

  it.each([
    ['primary', 'on-primary'],
    ['primary-hover', 'on-primary'],
    ['danger', 'on-danger'],
    ['danger-hover', 'on-danger'],
    ['secondary', 'on-secondary'],
    ['secondary-hover', 'on-secondary'],
    ['disabled', 'on-disabled'],
  ])('text on %s passes AA', (background, text) => {
    expect(contrast(t[background], t[text])).toBeGreaterThanOrEqual(4.5);
  });

  it.each(SURFACES[theme])('primary, danger and the secondary border stand out from %s', (surface) => {
    for (const edge of ['primary', 'danger', 'secondary-border']) {
      expect(contrast(t[edge], surface), edge).toBeGreaterThanOrEqual(3);
    }
  });

  it('primary and danger are far apart in hue, so the main action never reads as a destructive one', () => {
    const apart = Math.abs(hue(t.primary) - hue(t.danger));
    expect(Math.min(apart, 360 - apart)).toBeGreaterThanOrEqual(120);
  });
});
