/**
 * A member's name as member search compares it (`searchName` on the member item, pattern 8): NFKC (a
 * full-width `Ｗａｎｇ` typed on a Chinese keyboard reads as `Wang`) and lower case, so `wang` finds
 * "Wang Fang". Written wherever the display name is (joining, renaming, closing the account); members
 * written before it match their name as typed (`listMembers` looks at both).
 */
export function searchableName(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}
