import {
  ageOn,
  birthDateOfIdNumber,
  CHILD_AGE,
  dayOf,
  isUnderChildAge,
  maskIdNumber,
  type ActivityRequirements,
  type UnmetRequirement,
  type VolunteerProfile,
  type VolunteerProfileRequest,
} from '@linli/shared';
import type { SealedField } from '../../lib/envelope';
import { AppError, validationError } from '../../lib/errors';

/** The profile as stored: the ID number sealed (envelope encryption) beside its masked form. */
export interface VolunteerProfileRecord extends Omit<VolunteerProfile, 'idNumberMasked'> {
  communityId: string;
  userId: string;
  idNumberSealed?: SealedField;
  idNumberMasked?: string;
}

export interface VolunteerProfileStore {
  getProfile(communityId: string, userId: string): Promise<VolunteerProfileRecord | null>;
  /** Saves while the profile is as read (`readAt`: its `updatedAt`, null when there was none); false otherwise. */
  putProfile(profile: VolunteerProfileRecord, readAt: string | null): Promise<boolean>;
  /** Deletes the sealed and the masked ID number of the member's profile, if any; true if there was one. */
  eraseIdNumber(communityId: string, userId: string, now: string): Promise<boolean>;
}

/** Seals and opens personal fields (`lib/envelope.ts` with the stage's master key). */
export interface FieldSealer {
  seal(value: string, context: string): Promise<SealedField>;
  open(sealed: SealedField, context: string): Promise<string>;
}

/** What binds a sealed ID number to its holder: it opens on their own item only. */
export const idNumberContext = (communityId: string, userId: string) => `idNumber:${communityId}:${userId}`;

export function toVolunteerProfile(record: VolunteerProfileRecord): VolunteerProfile {
  return {
    realName: record.realName,
    ...(record.gender ? { gender: record.gender } : {}),
    ...(record.birthDate ? { birthDate: record.birthDate } : {}),
    ...(record.idNumberMasked ? { idNumberMasked: record.idNumberMasked } : {}),
    ...(record.phone ? { phone: record.phone } : {}),
    skills: record.skills ?? [],
    serviceTypes: record.serviceTypes ?? [],
    updatedAt: record.updatedAt,
  };
}

/**
 * Saves the member's volunteer profile (志愿者资料) as given — a field left out is cleared, except
 * the ID number, which stays as it was unless a new one is given (it is never sent back in full).
 * The ID number is sealed with its own data key; only its masked form is kept readable.
 *
 * The birth date and the one inside the ID number must agree (400 `profile.birth_date_mismatch`).
 * Someone under 14 by either does not register themself: a guardian adds them (403
 * `member.minor_needs_guardian`; PIPL Art. 31, `addChild`).
 */
export async function saveVolunteerProfile(
  input: { communityId: string; userId: string; request: VolunteerProfileRequest; now?: Date },
  dependencies: { profiles: VolunteerProfileStore; sealer: FieldSealer },
): Promise<VolunteerProfile> {
  const { request } = input;
  const idNumber = request.idNumber?.toUpperCase();
  refuseChildOrMismatch(request.birthDate, idNumber, input.now ?? new Date());
  const sealed = idNumber
    ? {
        idNumberSealed: await dependencies.sealer.seal(idNumber, idNumberContext(input.communityId, input.userId)),
        idNumberMasked: maskIdNumber(idNumber),
      }
    : undefined;
  // Read, then write on the condition that nothing was saved meanwhile: a save without the ID number
  // racing one with it never drops the number.
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const current = await dependencies.profiles.getProfile(input.communityId, input.userId);
    const record = profileRecord(input, sealed, current);
    if (await dependencies.profiles.putProfile(record, current?.updatedAt ?? null)) return toVolunteerProfile(record);
  }
  throw new AppError('profile.busy', 'Your profile was being saved at the same moment; please save again');
}

function refuseChildOrMismatch(birthDate: string | undefined, idNumber: string | undefined, now: Date): void {
  const idBirthDate = idNumber ? birthDateOfIdNumber(idNumber) : null;
  if (idNumber && !idBirthDate) {
    throw validationError('body', [
      { path: 'idNumber', code: 'custom', message: 'characters 7–14 must be a real birth date' },
    ]);
  }
  if (birthDate && idBirthDate && birthDate !== idBirthDate) {
    throw new AppError('profile.birth_date_mismatch', 'The birth date differs from the one in the ID number');
  }
  const born = birthDate ?? idBirthDate;
  if (born && isUnderChildAge(born, now)) {
    throw new AppError(
      'member.minor_needs_guardian',
      `Children under ${CHILD_AGE} take part through a guardian: the guardian adds them under their own account`,
    );
  }
}

function profileRecord(
  input: { communityId: string; userId: string; request: VolunteerProfileRequest; now?: Date },
  sealed: { idNumberSealed: SealedField; idNumberMasked: string } | undefined,
  current: VolunteerProfileRecord | null,
): VolunteerProfileRecord {
  const { request } = input;
  const previous = current?.updatedAt ? Date.parse(current.updatedAt) : 0;
  // Strictly later than the version read, so the next save's condition tells the two apart.
  const updatedAt = new Date(Math.max((input.now ?? new Date()).getTime(), previous + 1)).toISOString();
  const record: VolunteerProfileRecord = {
    communityId: input.communityId,
    userId: input.userId,
    realName: request.realName,
    ...(request.gender ? { gender: request.gender } : {}),
    ...(request.birthDate ? { birthDate: request.birthDate } : {}),
    ...(request.phone ? { phone: request.phone } : {}),
    skills: [...new Set(request.skills ?? [])],
    serviceTypes: [...new Set(request.serviceTypes ?? [])],
    updatedAt,
    ...(sealed ??
      (current?.idNumberSealed
        ? { idNumberSealed: current.idNumberSealed, idNumberMasked: current.idNumberMasked }
        : {})),
  };
  return record;
}

/**
 * The requirements of an activity the member's profile does not meet (empty: they may sign up):
 * a minimum age on the activity's day (China time) needs a birth date; each skill must be in the
 * profile; accident insurance needs the real name and the ID number an insurer asks for.
 */
export function unmetRequirements(
  activity: { requirements?: ActivityRequirements; startsAt: string },
  profile: VolunteerProfileRecord | null,
): UnmetRequirement[] {
  const wants = activity.requirements;
  if (!wants) return [];
  const unmet: UnmetRequirement[] = [];
  if (wants.minAge !== undefined) {
    if (!profile?.birthDate) unmet.push({ requirement: 'birthDate', need: wants.minAge });
    else if (ageOn(profile.birthDate, dayOf(activity.startsAt)) < wants.minAge) {
      unmet.push({ requirement: 'minAge', need: wants.minAge });
    }
  }
  for (const skill of wants.skills ?? []) {
    if (!profile?.skills?.includes(skill)) unmet.push({ requirement: 'skill', need: skill });
  }
  if (wants.insurance) {
    if (!profile?.realName) unmet.push({ requirement: 'realName' });
    if (!profile?.idNumberSealed) unmet.push({ requirement: 'idNumber' });
  }
  return unmet;
}

/** What an insurer asks of one volunteer of an activity: real name, ID number, minutes served. */
export interface InsuredPerson {
  realName?: string;
  idNumber?: string;
  minutes?: number;
}

/**
 * For an activity that needs accident insurance, each person on its roster as the insurer needs
 * them: real name and ID number from the volunteer profile — the ID number masked, in full only
 * when `revealIdNumbers` (an admin's export) — and the minutes of the claim their attendance filed.
 */
export async function insuredPeople(
  input: { communityId: string; entries: readonly { memberId: string; claimId?: string }[]; revealIdNumbers: boolean },
  dependencies: {
    profileOf: (communityId: string, userId: string) => Promise<VolunteerProfileRecord | null>;
    sealer: FieldSealer;
    claimMinutes: (claimId: string) => Promise<number | undefined>;
  },
): Promise<Map<string, InsuredPerson>> {
  const people = await Promise.all(
    input.entries.map(async (entry): Promise<[string, InsuredPerson]> => {
      const [profile, minutes] = await Promise.all([
        dependencies.profileOf(input.communityId, entry.memberId),
        entry.claimId ? dependencies.claimMinutes(entry.claimId) : Promise.resolve(undefined),
      ]);
      const idNumber =
        profile?.idNumberSealed && input.revealIdNumbers
          ? await dependencies.sealer.open(profile.idNumberSealed, idNumberContext(input.communityId, entry.memberId))
          : profile?.idNumberMasked;
      return [entry.memberId, { realName: profile?.realName, idNumber, minutes }];
    }),
  );
  return new Map(people);
}
