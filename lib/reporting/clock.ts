/** Time as the reporting service sees it: injected, so tests can move it. */
import 'server-only';

export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };
