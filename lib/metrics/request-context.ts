/**
 * The request id of the API request being served, carried through async calls so that log
 * lines written deep in the service (an upstream call) name the request that caused them.
 */
import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { processSingleton } from '../process-singleton';

/** One store for every route bundle, like the metrics registry. */
function storage(): AsyncLocalStorage<string> {
  return processSingleton('request-context', () => new AsyncLocalStorage<string>());
}

export function withRequestId<T>(requestId: string, work: () => Promise<T>): Promise<T> {
  return storage().run(requestId, work);
}

export function currentRequestId(): string | undefined {
  return storage().getStore();
}
