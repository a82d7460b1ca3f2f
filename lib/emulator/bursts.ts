/**
 * Incidents, so the charts have something to find: a few hours in which invalid tokens
 * flood in from one country (a credential-stuffing run against its users), and an SMS
 * pumping day in which verifications to one country start and are never completed.
 */
import { COUNTRIES } from './catalog';
import { DAY, HOUR, KIND, MINUTE, isActiveAt, type GenerationContext } from './generation-context';
import { randomInt } from './random';
import type { VerificationRows } from './verifications';

const STUFFING_COUNTRIES = ['7', '234', '62'];
const PUMPING_COUNTRIES = ['234', '63', '90'];

export function generateInvalidTokenBurst(ctx: GenerationContext, budget: number): void {
  const { random, population } = ctx;
  const code = STUFFING_COUNTRIES[randomInt(random, 0, STUFFING_COUNTRIES.length - 1)];
  const country = COUNTRIES.findIndex((c) => c.code === code);
  const begin = ctx.end - randomInt(random, 20, 300) * DAY + randomInt(random, 0, 23) * HOUR;
  const length = randomInt(random, 3, 7) * HOUR;
  const candidates: number[] = [];
  const fallback: number[] = [];
  for (let u = 0; u < population.users.count; u++) {
    if (!isActiveAt(ctx, u, begin) || !isActiveAt(ctx, u, begin + length)) continue;
    (population.users.country[u] === country ? candidates : fallback).push(u);
  }
  const targets = candidates.length > 0 ? candidates : fallback;
  for (let i = 0; i < budget; i++) {
    const t = begin + random() * length;
    if (targets.length === 0 || random() < 0.05) ctx.buffer.push(t, KIND.too_many_code_verifications);
    else ctx.buffer.push(t, KIND.token_invalid, targets[randomInt(random, 0, targets.length - 1)]);
  }
}

export function generatePumpingBurst(ctx: GenerationContext, rows: VerificationRows, budget: number): void {
  const { random } = ctx;
  const code = PUMPING_COUNTRIES[randomInt(random, 0, PUMPING_COUNTRIES.length - 1)];
  const country = COUNTRIES.findIndex((c) => c.code === code);
  const begin = ctx.end - randomInt(random, 10, 200) * DAY + randomInt(random, 0, 12) * HOUR;
  const length = randomInt(random, 90, 600) * MINUTE;
  for (let i = 0; i < budget; i++) {
    const t = begin + random() * length;
    const row = rows.add(random, country);
    const kind = random() < 0.25 ? KIND.too_many_phone_verifications : KIND.phone_verification_started;
    ctx.buffer.push(t, kind, -1, -1, row);
  }
}
