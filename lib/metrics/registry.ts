/**
 * The process's Prometheus registry and every metric the dashboard exports. Next bundles each
 * route separately, so module state would be duplicated per route: the metrics are a
 * `processSingleton` and every bundle counts into the same registry.
 */
import 'server-only';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { processSingleton } from '../process-singleton';
import type { Budget } from '../reporting/types';

/** Latency buckets (seconds) from a cache hit (~ms) to an upstream timeout (10 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export type BudgetSource = () => Promise<Budget>;

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'authy_dashboard_process_' });
  const holder: { budgetSource?: BudgetSource } = {};
  const metrics = {
    registry,
    holder,
    upstreamCalls: new Counter({
      name: 'authy_upstream_calls_total',
      help: 'Calls to the Authy Reporting API by endpoint and outcome (ok or the failure kind).',
      labelNames: ['endpoint', 'outcome'] as const,
      registers: [registry],
    }),
    upstreamDuration: new Histogram({
      name: 'authy_upstream_call_duration_seconds',
      help: 'Duration of calls to the Authy Reporting API by endpoint.',
      labelNames: ['endpoint'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    cacheResults: new Counter({
      name: 'authy_cache_results_total',
      help: 'Reporting answers by route and cache state (hit, miss, stale).',
      labelNames: ['route', 'state'] as const,
      registers: [registry],
    }),
    limiterAcquires: new Counter({
      name: 'authy_limiter_acquires_total',
      help: 'Requests for upstream budget by class and result: admitted at once, admitted after a wait, refused (rate_limited or unavailable).',
      labelNames: ['class', 'result'] as const,
      registers: [registry],
    }),
    limiterWait: new Histogram({
      name: 'authy_limiter_wait_seconds',
      help: 'How long a request waited for upstream budget, admitted or refused.',
      buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10],
      registers: [registry],
    }),
    budgetRemaining: new Gauge({
      name: 'authy_budget_remaining',
      help: 'Upstream calls left in the rolling minute and hour, read from the limiter at scrape time.',
      labelNames: ['window'] as const,
      registers: [registry],
      async collect() {
        if (!holder.budgetSource) return;
        // A scrape must not fail because the limiter's store is away: the gauge is left out instead.
        const budget = await holder.budgetSource().catch(() => null);
        this.reset();
        if (!budget) return;
        this.set({ window: 'minute' }, budget.minute.remaining);
        this.set({ window: 'hour' }, budget.hour.remaining);
      },
    }),
    limiterWaiting: new Gauge({
      name: 'authy_limiter_waiting_people',
      help: 'People (distinct users) waiting for upstream budget on any replica, read at scrape time.',
      registers: [registry],
      async collect() {
        if (!holder.budgetSource) return;
        const budget = await holder.budgetSource().catch(() => null);
        this.reset();
        if (budget) this.set(budget.waiting);
      },
    }),
    requestDuration: new Histogram({
      name: 'authy_http_request_duration_seconds',
      help: 'API request latency by route, method and status.',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
  };
  return metrics;
}

export type Metrics = ReturnType<typeof create>;

export function metrics(): Metrics {
  return processSingleton('metrics', create);
}

/** Where the budget gauge reads from at scrape time (the reporting service's limiter). */
export function setBudgetSource(source: BudgetSource): void {
  metrics().holder.budgetSource = source;
}
