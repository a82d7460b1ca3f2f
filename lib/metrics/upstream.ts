/**
 * An UpstreamClient decorator: times every call, counts it by endpoint and outcome, and logs
 * one line with the request id of whoever caused it. Wraps from outside so lib/reporting stays
 * free of metrics.
 */
import 'server-only';
import type { Logger } from 'pino';
import type { UpstreamClient } from '../reporting/upstream-client';
import { UpstreamError } from '../reporting/upstream-errors';
import { currentRequestId } from './request-context';
import { metrics } from './registry';

export function meteredUpstream(inner: UpstreamClient, log: Logger): UpstreamClient {
  return {
    async get(query) {
      const started = performance.now();
      let outcome = 'ok';
      try {
        return await inner.get(query);
      } catch (error) {
        outcome = error instanceof UpstreamError ? error.failure : 'error';
        throw error;
      } finally {
        const seconds = (performance.now() - started) / 1000;
        const m = metrics();
        m.upstreamCalls.inc({ endpoint: query.endpoint, outcome });
        m.upstreamDuration.observe({ endpoint: query.endpoint }, seconds);
        log.info(
          { requestId: currentRequestId(), endpoint: query.endpoint, outcome, durationMs: Math.round(seconds * 1000) },
          'upstream call',
        );
      }
    },
  };
}
