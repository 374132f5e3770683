import type { CommunityRules, MinuteRounding } from './schemas/identity';

/** Rounds a duration to the community's unit (integers only: no floats anywhere near points). */
export function roundMinutes(durationMinutes: number, rounding: MinuteRounding): number {
  assertNonNegativeInteger(durationMinutes, 'durationMinutes');
  const unit = rounding.unitMinutes;
  const whole = durationMinutes - (durationMinutes % unit);
  if (whole === durationMinutes) return durationMinutes;
  if (rounding.mode === 'down') return whole;
  if (rounding.mode === 'up') return whole + unit;
  return (durationMinutes % unit) * 2 >= unit ? whole + unit : whole;
}

/** Points for a duration: rounded minutes × points per hour / 60, floored. */
export function pointsForMinutes(durationMinutes: number, rules: CommunityRules): number {
  const minutes = roundMinutes(durationMinutes, rules.minuteRounding);
  return Math.floor((minutes * rules.pointsPerHour) / 60);
}

export function assertNonNegativeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}
