import { expect, test, type Page } from '@playwright/test';

// How pages load: nothing jumps when data arrives, and a page view costs the server one render.
// Lighthouse measures the same things (bench/lighthouse.ts); these catch a regression in CI.

// Lighthouse's desktop window: tall enough that the events pager starts above the fold.
test.use({ viewport: { width: 1350, height: 940 } });

/** Sums the page's layout shifts (the CLS of a load that has no user input). */
async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[];
          resolve(entries.filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0));
        }).observe({ type: 'layout-shift', buffered: true });
        // No shift at all means no entry to report: answer after a frame.
        setTimeout(() => resolve(0), 100);
      }),
  );
}

test('the events pager stays put while a page of events loads', async ({ page }) => {
  // Hold the events response so the placeholder is on screen long enough to measure.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/reporting/events?**', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/events?per_page=25');
  await expect(page.getByRole('status', { name: 'Loading events' })).toBeVisible();
  const pager = page.getByRole('navigation', { name: 'Pagination' });
  const before = await pager.boundingBox();

  release();
  await expect(page.getByRole('table', { name: /^Events on page 1/ }).getByRole('row')).toHaveCount(26);
  const after = await pager.boundingBox();
  expect(before).not.toBeNull();
  expect(Math.abs((after?.y ?? 0) - (before?.y ?? 0))).toBeLessThan(4);
});

const PAGES = [
  {
    path: '/',
    ready: (page: Page) => page.getByRole('figure', { name: 'Verifications over time' }).locator('.recharts-surface'),
  },
  { path: '/events', ready: (page: Page) => page.getByRole('table', { name: /^Events on page 1/ }) },
  { path: '/histogram', ready: (page: Page) => page.locator('.recharts-surface').first() },
  {
    path: '/terms',
    ready: (page: Page) =>
      page
        .getByRole('figure', { name: /^Events by .* chart$/ })
        .getByRole('link')
        .first(),
  },
];

for (const { path, ready } of PAGES) {
  test(`${path} loads without layout shift`, async ({ page }) => {
    await page.goto(path);
    await expect(ready(page)).toBeVisible();
    // Lighthouse's "good" is 0.1; a page whose content jumps when its data arrives scores far above.
    expect(await layoutShift(page)).toBeLessThan(0.05);
  });
}

test.describe('at 375 px', () => {
  // Narrow, the header wraps: text that grows when data arrives (the budget, the overview's
  // period) would wrap it differently and push the page down.
  test.use({ viewport: { width: 375, height: 812 } });
  for (const { path, ready } of PAGES) {
    test(`${path} loads without layout shift`, async ({ page }) => {
      await page.goto(path);
      // The overview's charts start below the fold here (they mount when scrolled to).
      await expect(path === '/' ? page.getByRole('list', { name: 'Key figures' }) : ready(page)).toBeVisible();
      expect(await layoutShift(page)).toBeLessThan(0.05);
    });
  }
});

test('a page view does not prefetch every page of the navigation', async ({ page }) => {
  const prefetches: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.searchParams.has('_rsc')) prefetches.push(url.pathname);
  });
  await page.goto('/terms');
  await expect(
    page
      .getByRole('figure', { name: /^Events by .* chart$/ })
      .getByRole('link')
      .first(),
  ).toBeVisible();
  await page.waitForTimeout(500);
  expect(prefetches).toEqual([]);

  // Pointing at a link prefetches that page alone, so the click still feels instant.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).hover();
  await expect.poll(() => prefetches).toContain('/events');
  expect(new Set(prefetches)).toEqual(new Set(['/events']));
});
