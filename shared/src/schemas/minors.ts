import * as z from 'zod/mini';
import { dayOf } from '../calendar';
import { personName } from './common';
import type { MemberView } from './identity';
import { BirthDate } from './volunteer';

/**
 * Below this age a child's personal information is processed only with a guardian's consent, and
 * the child takes part through the guardian (PIPL Art. 28 and 31: the personal information of a
 * minor under 14 is sensitive personal information; the guardian consents and acts for them).
 */
export const CHILD_AGE = 14;

/** Whole years from `birthDate` to `onDay` (both `YYYY-MM-DD`; a day before the birthday counts the year not yet). */
export function ageOn(birthDate: string, onDay: string): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const [onYear, onMonth, onDate] = onDay.split('-').map(Number) as [number, number, number];
  return onYear - year - (onMonth < month || (onMonth === month && onDate < day) ? 1 : 0);
}

/** Is someone born on `birthDate` under 14 on `at`'s day in China time? */
export const isUnderChildAge = (birthDate: string, at: Date | string = new Date()): boolean =>
  ageOn(birthDate, dayOf(at)) < CHILD_AGE;

/**
 * The birth date inside a resident ID number (GB 11643-1999: characters 7–14 are `YYYYMMDD`),
 * as `YYYY-MM-DD`; null when the characters are not a real day.
 */
export function birthDateOfIdNumber(idNumber: string): string | null {
  const digits = idNumber.slice(6, 14);
  if (!/^\d{8}$/.test(digits)) return null;
  const day = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  return BirthDate.safeParse(day).success ? day : null;
}

/**
 * `POST /v1/communities/{cid}/me/children` — a guardian adds a child under 14. `guardianConsent`
 * is the guardian's statement that they are the child's guardian and consent to Linli processing
 * the child's name and birth date (PIPL Art. 31); it must be `true`.
 */
export const AddChildRequest = z.strictObject({
  displayName: personName(32),
  birthDate: BirthDate,
  guardianConsent: z.literal(true, 'the guardian must state they are the guardian and consent'),
});
export type AddChildRequest = z.infer<typeof AddChildRequest>;

export interface ChildList {
  items: MemberView[];
}

/** How many children one guardian may add in a community (a family, not a class). */
export const MAX_CHILDREN = 10;
