import { describe, expect, it } from 'vitest';
import { MAX_PAGE, pageInfo, reachableEvents } from './pagination';

describe('pageInfo (last page from a short page)', () => {
  it('a full first page may have a next page', () => {
    expect(pageInfo(1, 50, 50)).toEqual({
      isLastPage: false,
      capReached: false,
      hasPrevious: false,
      hasNext: true,
      first: 1,
      last: 50,
    });
  });

  it('a short page is the last one', () => {
    expect(pageInfo(3, 25, 7)).toEqual({
      isLastPage: true,
      capReached: false,
      hasPrevious: true,
      hasNext: false,
      first: 51,
      last: 57,
    });
  });

  it('an empty page is the last one and shows no positions', () => {
    expect(pageInfo(1, 50, 0)).toMatchObject({ isLastPage: true, hasNext: false, first: 0, last: 0 });
    expect(pageInfo(4, 50, 0)).toMatchObject({
      isLastPage: true,
      hasPrevious: true,
      hasNext: false,
      first: 0,
      last: 150,
    });
  });

  it('a full page at the cap stops paging and says the cap was reached', () => {
    expect(pageInfo(MAX_PAGE, 100, 100)).toMatchObject({
      isLastPage: false,
      capReached: true,
      hasNext: false,
      last: 10_000,
    });
    expect(pageInfo(MAX_PAGE, 100, 99)).toMatchObject({ isLastPage: true, capReached: false, hasNext: false });
    expect(pageInfo(MAX_PAGE - 1, 100, 100)).toMatchObject({ capReached: false, hasNext: true });
  });

  it('knows how far a query reaches', () => {
    expect(reachableEvents(100)).toBe(10_000);
    expect(reachableEvents(25)).toBe(2_500);
  });
});
