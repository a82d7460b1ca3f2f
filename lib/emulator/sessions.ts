/**
 * Authentication traffic, the bulk of the data: each session is one login by one user,
 * picked in proportion to activity × time in the data set (so traffic grows with the user
 * base). Push users answer one touch requests (~85% approved); the others receive an SMS or
 * a call or read their authenticator app, then verify, sometimes after an invalid token.
 */
import { PUSH_CAPABLE, TOKEN_TYPE, type DeviceType } from './catalog';
import { DEVICE_TYPES } from '../authy/vocabulary';
import { KIND, SECOND, sampleTime, userSpan, type GenerationContext } from './generation-context';
import { randomInt, weightedPicker } from './random';

const PUSH = { approved: 0, denied: 1, expired: 2 } as const;

/**
 * Fills the buffer with sessions. Returns the activity-time they were spread over (Σ activity ×
 * time in the span, per user), so that session events / that figure is the rate per unit of
 * activity, which the traffic after the history continues (ahead.ts).
 */
export function generateSessions(ctx: GenerationContext): number {
  const { buffer, population, random } = ctx;
  const count = population.users.count;
  if (count === 0) return 0;
  // Spans computed once: this loop runs for most of a million events.
  const spanFrom = new Float64Array(count);
  const spanTo = new Float64Array(count);
  const weights = new Array<number>(count);
  for (let u = 0; u < count; u++) {
    [spanFrom[u], spanTo[u]] = userSpan(ctx, u);
    weights[u] = population.activity[u] * Math.max(0, spanTo[u] - spanFrom[u]);
  }
  const activityTime = weights.reduce((sum, w) => sum + w, 0);
  if (activityTime === 0) return 0;
  const pickUser = weightedPicker(weights);
  const deviceType = (d: number) => DEVICE_TYPES[population.devices.type[d]] as DeviceType;

  while (buffer.remaining > 0) {
    const u = pickUser(random);
    const from = spanFrom[u];
    const to = spanTo[u];
    if (to <= from) continue;
    const t = sampleTime(random, from, to);
    const primary = population.primaryDevice[u];

    if (population.prefersPush[u] && random() < 0.9) {
      const second = population.secondDevice[u];
      const useSecond =
        second >= 0 &&
        population.devices.created[second] <= t &&
        PUSH_CAPABLE.has(deviceType(second)) &&
        random() < 0.3;
      const r = random();
      const status = r < 0.85 ? PUSH.approved : r < 0.92 ? PUSH.denied : PUSH.expired;
      buffer.push(t, KIND.one_touch_request_responded, u, useSecond ? second : primary, status);
      continue;
    }

    const viaSms = random() < 0.55;
    if (viaSms) {
      const call = random() < 0.06;
      buffer.push(t, call ? KIND.totp_token_sent_via_call : KIND.totp_token_sent, u);
      const tokenType = call ? TOKEN_TYPE.call : TOKEN_TYPE.sms;
      const outcome = random();
      if (outcome < 0.89) buffer.push(later(ctx, t, to, 15, 120), KIND.token_verified, u, -1, tokenType);
      else if (outcome < 0.97)
        verifyAfterInvalid(ctx, u, later(ctx, t, to, 15, 90), later(ctx, t, to, 100, 200), tokenType);
      // else: the code never came back, as happens.
    } else {
      if (random() < 0.92) buffer.push(t, KIND.token_verified, u, -1, TOKEN_TYPE.app);
      else verifyAfterInvalid(ctx, u, t, later(ctx, t, to, 20, 60), TOKEN_TYPE.app);
    }
  }
  return activityTime;
}

function verifyAfterInvalid(ctx: GenerationContext, u: number, invalidAt: number, retryAt: number, tokenType: number) {
  ctx.buffer.push(invalidAt, KIND.token_invalid, u);
  if (ctx.random() < 0.7) ctx.buffer.push(retryAt, KIND.token_verified, u, -1, tokenType);
}

/** A moment min-max seconds after t, kept inside the user's span. */
function later(ctx: GenerationContext, t: number, to: number, min: number, max: number): number {
  return Math.min(to - 1, t + randomInt(ctx.random, min, max) * SECOND);
}
