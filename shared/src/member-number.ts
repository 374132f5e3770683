/**
 * A member's short number (编号, issue 21): given by the community in order — 1001, 1002, … — when
 * the member is added, so a resident can read it out at the desk or to a neighbour and staff can
 * type it on a phone's number pad, where the 26-character member id is neither. Never given twice in
 * a community (a closed account keeps its number, retired).
 */

/** The first number a community gives: four digits read well, and the numbers after it stay short. */
export const FIRST_MEMBER_NO = 1001;

/** The largest number a community gives (nine digits: far beyond any community, and a safe integer). */
export const MAX_MEMBER_NO = 999_999_999;

/**
 * The number after `last`, the highest a community has given (its counter); {@link FIRST_MEMBER_NO}
 * when it has given none. A counter below the first number (none was ever stored so) starts at the first.
 */
export function nextMemberNo(last: number | undefined): number {
  if (last === undefined || !Number.isSafeInteger(last) || last < FIRST_MEMBER_NO) return FIRST_MEMBER_NO;
  return last + 1;
}

/**
 * A search text that names a member number, as staff type or read it: digits alone (`1024`), or after
 * `No.`, `No`, `#` or `编号`, with a colon or not (`No. 1024`, `编号1024`, `编号：1024`), spaces anywhere;
 * full-width characters as a Chinese keyboard types them (`１０２４`, `Ｎｏ．`, `№`) read as their plain
 * forms (NFKC). The number, or null when the text is anything else (a name, a member id) or the
 * number is out of range (0, or more than nine digits).
 */
export function parseMemberNo(text: string): number | null {
  const compact = text.normalize('NFKC').replace(/\s+/g, '');
  const match = /^(?:(?:no\.?|#|编号):?)?(\d{1,9})$/i.exec(compact);
  if (!match) return null;
  const memberNo = Number(match[1]);
  return memberNo >= 1 && memberNo <= MAX_MEMBER_NO ? memberNo : null;
}
