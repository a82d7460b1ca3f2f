/** Page sizes the events page offers (the API allows any up to 100; these keep paging simple). Client-safe, no React. */
export const PER_PAGE_OPTIONS = [25, 50, 100] as const;
export type PerPage = (typeof PER_PAGE_OPTIONS)[number];
