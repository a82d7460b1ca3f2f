/**
 * Conditions built in code. The event name is typed from the vocabulary, so a misspelt event
 * fails the type check instead of quietly matching nothing (ESLint refuses a raw event-name
 * string outside lib/authy and the emulator, so code goes through here).
 */
import type { Condition } from './bracket-codec';
import type { EventName } from './vocabulary';

export function eventIs(name: EventName): Condition {
  return { attribute: 'event', operator: 'eq', value: name };
}

/** The `time` conditions of the window [from, to) (epoch ms). */
export function timeWithin(from: number, to: number): Condition[] {
  return [
    { attribute: 'time', operator: 'gte', value: new Date(from).toISOString() },
    { attribute: 'time', operator: 'lt', value: new Date(to).toISOString() },
  ];
}
