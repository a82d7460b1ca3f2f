/**
 * The legacy phone verification API's traffic: each flow starts a verification, then the
 * code is entered right, wrong, too often, or never. The flows carry a phone_verification
 * object (a row of the verification table); `failed` and `not_found` carry only the app.
 */
import { COUNTRIES, LINE_TYPES, LOCALES, VIAS } from './catalog';
import { KIND, SECOND, sampleTime, type GenerationContext } from './generation-context';
import { growthFraction } from './population';
import { choose, randomInt, weightedPicker, type Random } from './random';
import type { VerificationTable } from './store';

export class VerificationRows {
  readonly table: VerificationTable;

  constructor(capacity: number) {
    this.table = {
      count: 0,
      country: new Uint8Array(capacity),
      locale: new Uint8Array(capacity),
      lineType: new Uint8Array(capacity),
      via: new Uint8Array(capacity),
      codeLength: new Uint8Array(capacity),
    };
  }

  add(random: Random, country: number): number {
    const t = this.table;
    const row = t.count++;
    t.country[row] = country;
    t.locale[row] = LOCALES.indexOf(choose(random, COUNTRIES[country].locales));
    t.lineType[row] = LINE_TYPES.indexOf(
      choose(random, [
        ['mobile', 85],
        ['voip', 10],
        ['landline', 5],
      ] as const),
    );
    t.via[row] = VIAS.indexOf(
      choose(random, [
        ['sms', 88],
        ['call', 12],
      ] as const),
    );
    t.codeLength[row] = choose(random, [
      [4, 35],
      [6, 55],
      [5, 4],
      [7, 3],
      [8, 3],
    ] as const);
    return row;
  }
}

const countryPicker = weightedPicker(COUNTRIES.map((c) => c.weight));

/** A time over the span, growing with the user base and following the day. */
function growingTime(ctx: GenerationContext): number {
  return sampleTime(ctx.random, ctx.start, ctx.end, () => growthFraction(ctx.random));
}

export function generateVerifications(ctx: GenerationContext, rows: VerificationRows, budget: number): void {
  const { buffer, random } = ctx;
  const limit = Math.min(buffer.capacity, buffer.size + budget);
  const emit = (time: number, kind: number, row: number) => {
    if (buffer.size < limit) buffer.push(Math.min(time, ctx.end), kind, -1, -1, row);
  };
  while (buffer.size < limit) {
    const t = growingTime(ctx);
    if (random() < 0.02) {
      emit(t, KIND.phone_verification_not_found, -1);
      continue;
    }
    const row = rows.add(random, countryPicker(random));
    const after = (min: number, max: number) => t + randomInt(random, min, max) * SECOND;
    emit(t, KIND.phone_verification_started, row);
    const outcome = random();
    if (outcome < 0.7) emit(after(20, 180), KIND.phone_verification_code_is_valid, row);
    else if (outcome < 0.8) {
      emit(after(20, 90), KIND.phone_verification_code_is_invalid, row);
      emit(after(100, 240), KIND.phone_verification_code_is_valid, row);
    } else if (outcome < 0.85) emit(after(20, 90), KIND.phone_verification_code_is_invalid, row);
    else if (outcome < 0.89) emit(after(5, 30), KIND.phone_verification_failed, row);
    else if (outcome < 0.9) emit(after(60, 300), KIND.too_many_phone_verifications, row);
  }
}

/** Brute-force noise with no user attached, as the reference's example shows. */
export function generateCodeFlood(ctx: GenerationContext, budget: number): void {
  for (let i = 0; i < budget; i++) ctx.buffer.push(growingTime(ctx), KIND.too_many_code_verifications);
}
