import { describe, expect, it } from 'vitest';
import { planEventsPage } from './events-pager';

describe('planEventsPage', () => {
  it('maps pages of 25 and 50 into one upstream page of 100', () => {
    expect(planEventsPage(1, 50)).toEqual({ upstreamPages: [1], skip: 0, take: 50 });
    expect(planEventsPage(2, 50)).toEqual({ upstreamPages: [1], skip: 50, take: 50 });
    expect(planEventsPage(3, 50)).toEqual({ upstreamPages: [2], skip: 0, take: 50 });
    expect(planEventsPage(4, 25)).toEqual({ upstreamPages: [1], skip: 75, take: 25 });
    expect(planEventsPage(5, 25)).toEqual({ upstreamPages: [2], skip: 0, take: 25 });
  });

  it('spans two upstream pages when the page straddles them', () => {
    expect(planEventsPage(4, 30)).toEqual({ upstreamPages: [1, 2], skip: 90, take: 30 });
    expect(planEventsPage(2, 99)).toEqual({ upstreamPages: [1, 2], skip: 99, take: 99 });
  });

  it('asks directly at 100 a page, and never past the upstream page cap', () => {
    expect(planEventsPage(3, 100)).toBeNull();
    expect(planEventsPage(100, 50)).toEqual({ upstreamPages: [50], skip: 50, take: 50 });
    expect(planEventsPage(100, 99)).toEqual({ upstreamPages: [99], skip: 1, take: 99 });
    expect(planEventsPage(201, 50)).toBeNull();
  });
});
