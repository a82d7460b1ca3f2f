/** What the upstream answers, checked with zod before anything trusts it. */
import { z } from 'zod';

export const authyEventSchema = z.object({
  event: z.string(),
  time: z.string(),
  request_id: z.string(),
  objects: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export type AuthyEvent = z.infer<typeof authyEventSchema>;

export const eventsResponseSchema = z.object({
  events: z.array(authyEventSchema),
  success: z.literal(true),
});
export type EventsResponse = z.infer<typeof eventsResponseSchema>;

export const bucketSchema = z.object({
  timestamp: z.number(),
  time: z.string(),
  count: z.number().int().nonnegative(),
});
export type Bucket = z.infer<typeof bucketSchema>;

export const histogramResponseSchema = z.object({
  interval: z.string(),
  reports: z.record(z.string(), z.array(bucketSchema)),
  success: z.literal(true),
});
export type HistogramResponse = z.infer<typeof histogramResponseSchema>;

export const termSchema = z.object({ key: z.string(), count: z.number().int().nonnegative() });
export type Term = z.infer<typeof termSchema>;

export const termsResponseSchema = z.object({
  terms: z.array(termSchema),
  success: z.literal(true),
});
export type TermsResponse = z.infer<typeof termsResponseSchema>;

export const errorResponseSchema = z.object({
  error_code: z.string(),
  message: z.string(),
  errors: z.object({ message: z.string() }).optional(),
  success: z.literal(false),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Error codes the upstream uses (FACTS.md). */
export const ERROR_CODES = {
  generic: '60000',
  invalidApiKey: '60001',
  invalidRequest: '60002',
  tooManyRequests: '60003',
  invalidParameter: '60004',
  invalidUtf8: '60005',
  temporarilySuspended: '60057',
  accountSuspended: '60060',
  applicationSuspended: '60061',
} as const;

/** Codes that mean "back off and serve what you have", whatever the HTTP status says. */
export const BACK_OFF_CODES: ReadonlySet<string> = new Set([
  ERROR_CODES.tooManyRequests,
  ERROR_CODES.temporarilySuspended,
  ERROR_CODES.applicationSuspended,
]);
