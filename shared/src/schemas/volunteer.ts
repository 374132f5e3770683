import * as z from 'zod/mini';
import { humanText } from './common';

/**
 * A mainland resident identity card number (GB 11643-1999): 17 digits and their check character
 * ({@link residentIdCheckCharacter}).
 */
export function isResidentIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  return residentIdCheckCharacter(value.slice(0, 17)) === value[17];
}

/**
 * The check character (0–9 or X) of a resident ID number's first 17 digits (GB 11643-1999, ISO 7064
 * MOD 11-2: the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2): `11010119900307002` → `1`.
 */
export function residentIdCheckCharacter(first17Digits: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(first17Digits[index]), 0);
  return '10X98765432'[sum % 11]!;
}

/** `110101199003070021` → `1101**********0021`: the first four and the last four characters. */
export const maskIdNumber = (idNumber: string): string =>
  `${idNumber.slice(0, 4)}${'*'.repeat(Math.max(0, idNumber.length - 8))}${idNumber.slice(-4)}`;

const Tag = humanText(20);

/** A birth date `1950-03-07`: a real calendar day from 1900 on. */
export const BirthDate = z.string().check(
  z.regex(/^(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a day like 1950-03-07'),
  z.refine((day) => {
    // Every check runs, the pattern's failure too: parse defensively (no RangeError on garbage).
    const time = Date.parse(`${day}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
  }, 'must be a real calendar day'),
);

/** 志愿者资料: each field optional until an activity or a certificate needs it. */
export const VolunteerProfileRequest = z.strictObject({
  realName: humanText(20),
  gender: z.optional(z.enum(['male', 'female'])),
  birthDate: z.optional(BirthDate),
  idNumber: z.optional(
    z
      .string()
      .check(
        z.refine((value) => isResidentIdNumber(value.toUpperCase()), 'must be a valid 18-character resident ID number'),
      ),
  ),
  phone: z.optional(z.string().check(z.regex(/^1\d{10}$|^[0-9+\- ]{5,20}$/, 'must be a phone number'))),
  skills: z.optional(z.array(Tag).check(z.maxLength(10, 'at most 10 skills'))),
  serviceTypes: z.optional(z.array(Tag).check(z.maxLength(10, 'at most 10 service types'))),
});
export type VolunteerProfileRequest = z.infer<typeof VolunteerProfileRequest>;

/** The profile as its member sees it: the ID number masked, never in full. */
export interface VolunteerProfile {
  realName: string;
  gender?: 'male' | 'female';
  birthDate?: string;
  idNumberMasked?: string;
  phone?: string;
  skills: string[];
  serviceTypes: string[];
  updatedAt: string;
}

/** What an activity asks of its volunteers; a sign-up that does not meet it is told why (409). */
export const ActivityRequirements = z.strictObject({
  /** Years on the activity's day (China time). */
  minAge: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
  /** Each must be among the volunteer profile's skills. */
  skills: z.optional(z.array(Tag).check(z.maxLength(5, 'at most 5 skills'))),
  /** Accident insurance is bought for the volunteers: the insurer needs real name and ID number. */
  insurance: z.optional(z.boolean()),
});
export type ActivityRequirements = z.infer<typeof ActivityRequirements>;

/** One requirement a member does not meet, and what would meet it. */
export interface UnmetRequirement {
  requirement: 'minAge' | 'birthDate' | 'skill' | 'realName' | 'idNumber';
  /** The age or the skill asked for. */
  need?: number | string;
}
