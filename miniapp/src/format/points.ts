/** A ledger amount with its sign always shown: 3 → `+3`, -2 → `−2` (a real minus sign), 0 → `0`. */
export function formatSignedPoints(amountPoints: number): string {
  if (amountPoints > 0) return `+${amountPoints}`;
  if (amountPoints < 0) return `\u2212${Math.abs(amountPoints)}`;
  return '0';
}

/** Minutes as hours and minutes for people: 180 → `{hours: 3, minutes: 0}`. */
export function splitMinutes(totalMinutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
}

/** The community's currency as the reader's language names it: its English name in English when it has one. */
export function currencyOf(
  community: { currencyName: string; currencyNameEn?: string },
  language: 'zh-CN' | 'en',
): string {
  return language === 'en' && community.currencyNameEn ? community.currencyNameEn : community.currencyName;
}
