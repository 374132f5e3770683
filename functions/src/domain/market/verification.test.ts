import type { DiscountUse } from '@linli/shared';
import { chinaMonth } from './contributions';
import { proxyReasons, startOfChinaDay } from './verification';

const useFactory = (overrides: Partial<DiscountUse> = {}): DiscountUse => ({
  id: 'u1',
  merchantId: 'shop-a',
  merchantName: '甲店',
  memberId: 'm1',
  memberName: '刘大爷',
  at: '2026-11-22T02:00:00.000Z',
  flagged: false,
  flagReasons: [],
  ...overrides,
});

describe('anti-proxy rules', () => {
  const at = new Date('2026-11-22T02:05:00.000Z');

  it('flags another merchant within 10 minutes, not the same merchant', () => {
    expect(proxyReasons([useFactory()], { merchantId: 'shop-b', at }, 5)).toEqual(['two_merchants_within_10_minutes']);
    expect(proxyReasons([useFactory()], { merchantId: 'shop-a', at }, 5)).toEqual([]);
  });

  it('does not flag another merchant 11 minutes later', () => {
    expect(proxyReasons([useFactory()], { merchantId: 'shop-b', at: new Date('2026-11-22T02:11:00.000Z') }, 5)).toEqual(
      [],
    );
  });

  it('flags the use beyond the daily limit, counting the China day', () => {
    const earlier = [useFactory({ at: '2026-11-21T17:00:00.000Z' }), useFactory({ at: '2026-11-21T15:00:00.000Z' })];

    // 17:00Z on the 21st is 01:00 on the 22nd in China; 15:00Z is still the 21st.
    expect(proxyReasons(earlier, { merchantId: 'shop-a', at }, 2)).toEqual([]);
    expect(
      proxyReasons([...earlier, useFactory({ at: '2026-11-22T01:00:00.000Z' })], { merchantId: 'shop-a', at }, 2),
    ).toEqual(['too_many_uses_today']);
  });

  it('starts the day at midnight China time', () => {
    expect(startOfChinaDay(new Date('2026-11-22T02:05:00.000Z')).toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(chinaMonth(new Date('2026-11-30T17:00:00.000Z'))).toBe('2026-12');
  });
});
