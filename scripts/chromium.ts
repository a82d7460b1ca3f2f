/**
 * Debian's Chromium and the flags it needs here (root, no GPU, a closed network): one list for
 * Playwright and Lighthouse alike.
 */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
