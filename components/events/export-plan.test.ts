import { describe, expect, it } from 'vitest';
import { exportEstimate, isFinalExportPage } from './export-plan';

describe('exportEstimate', () => {
  it('without a view, anything from one call to the cap', () => {
    expect(exportEstimate(null)).toEqual({ minCalls: 1, maxCalls: 100, exact: false });
  });

  it('a short page tells the exact number of calls', () => {
    expect(exportEstimate({ page: 1, perPage: 50, count: 12, isLastPage: true })).toEqual({
      minCalls: 1,
      maxCalls: 1,
      exact: true,
    });
    // 250 events: 100, 100, then a short 50.
    expect(exportEstimate({ page: 3, perPage: 100, count: 50, isLastPage: true })).toEqual({
      minCalls: 3,
      maxCalls: 3,
      exact: true,
    });
    // 200 events: two full pages, then an empty one proves the end.
    expect(exportEstimate({ page: 4, perPage: 50, count: 49, isLastPage: true })).toEqual({
      minCalls: 2,
      maxCalls: 2,
      exact: true,
    });
  });

  it('an empty page past the end bounds the calls from above only', () => {
    expect(exportEstimate({ page: 2, perPage: 100, count: 0, isLastPage: true })).toEqual({
      minCalls: 1,
      maxCalls: 2,
      exact: false,
    });
  });

  it('a full page bounds the calls from below only', () => {
    expect(exportEstimate({ page: 2, perPage: 50, count: 50, isLastPage: false })).toEqual({
      minCalls: 2,
      maxCalls: 100,
      exact: false,
    });
    expect(exportEstimate({ page: 4, perPage: 50, count: 50, isLastPage: false })).toEqual({
      minCalls: 3,
      maxCalls: 100,
      exact: false,
    });
  });

  it('never more than the 100-page cap', () => {
    expect(exportEstimate({ page: 100, perPage: 100, count: 100, isLastPage: false })).toEqual({
      minCalls: 100,
      maxCalls: 100,
      exact: false,
    });
    expect(exportEstimate({ page: 100, perPage: 100, count: 40, isLastPage: true })).toEqual({
      minCalls: 100,
      maxCalls: 100,
      exact: true,
    });
  });
});

describe('isFinalExportPage', () => {
  it('stops at a short page or at page 100', () => {
    expect(isFinalExportPage(1, 100)).toBe(false);
    expect(isFinalExportPage(1, 99)).toBe(true);
    expect(isFinalExportPage(7, 0)).toBe(true);
    expect(isFinalExportPage(100, 100)).toBe(true);
  });
});
