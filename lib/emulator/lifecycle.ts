/**
 * Account lifecycle events: sign-ups, device registrations, phone changes, account
 * recoveries, removals and the rarer account events. They are generated user by user, and
 * stop at `budget` so that a data set with many users and few events stays exact in size.
 */
import { HOUR, KIND, MINUTE, SECOND, userSpan, type GenerationContext } from './generation-context';
import { randomInt } from './random';

export function generateLifecycle(ctx: GenerationContext, budget: number): void {
  const { buffer, population, random, start } = ctx;
  const limit = buffer.size + budget;
  const emit = (time: number, kind: number, user: number, device = -1): void => {
    if (buffer.size < limit) buffer.push(time, kind, user, device);
  };

  for (let u = 0; u < population.users.count && buffer.size < limit; u++) {
    const [from, to] = userSpan(ctx, u);
    const inside = (time: number) => time >= from && time <= to;
    const joined = population.users.joined[u];
    if (joined >= start) emit(joined, KIND.user_added, u);
    const primary = population.primaryDevice[u];
    const primaryCreated = population.devices.created[primary];
    if (inside(primaryCreated)) emit(primaryCreated, KIND.device_registration_completed, u, primary);

    const second = population.secondDevice[u];
    if (second >= 0 && inside(population.devices.created[second])) {
      const created = population.devices.created[second];
      emit(created, KIND.device_registration_completed, u, second);
      const toggled = created + randomInt(random, 1, 5) * MINUTE;
      if (random() < 0.5 && inside(toggled)) emit(toggled, KIND.multidevice_setting_changed, u, second);
    }

    const someTime = () => from + random() * (to - from);
    if (random() < 0.03) {
      const t = someTime();
      emit(t, KIND.phone_change_requested, u);
      if (inside(t + 30 * SECOND)) emit(t + 30 * SECOND, KIND.phone_change_pin_sent, u);
      const done = t + randomInt(random, 2, 15) * MINUTE;
      if (inside(done)) emit(done, random() < 0.85 ? KIND.user_phone_changed : KIND.phone_change_canceled, u);
    }
    if (random() < 0.02) {
      const t = someTime();
      emit(t, KIND.account_recovery_started, u);
      const outcome = random();
      const later = t + (24 + randomInt(random, 0, 48)) * HOUR;
      if (outcome < 0.7 && inside(later)) emit(later, KIND.account_recovery_approved, u);
      else if (outcome < 0.9 && inside(t + 2 * HOUR))
        emit(t + randomInt(random, 5, 120) * MINUTE, KIND.account_recovery_canceled, u);
    }
    if (random() < 0.02) emit(someTime(), KIND.unlock_method_changed, u);
    if (random() < 0.005) emit(someTime(), KIND.custom_message_not_allowed, u);
    if (population.users.banned[u]) emit(someTime(), KIND.suspended_account, u);
    if (!Number.isNaN(population.removed[u])) emit(to, KIND.user_account_deleted, u);
  }
}
