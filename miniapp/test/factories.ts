import type { Claim, Community, Good, LedgerEntry, MeResponse, Redemption } from '@linli/shared';

/** Test data with overrides, shaped like the API's answers. */
export function aCommunity(overrides: Partial<Community> = {}): Community {
  return {
    id: 'demo',
    name: '紫瑞社区',
    currencyName: '志愿积分',
    rules: {
      pointsPerHour: 1,
      certificateThresholdPoints: 3,
      fundShareBps: 2000,
      minuteRounding: { unitMinutes: 30, mode: 'down' },
    },
    ...overrides,
  };
}

export function aMeResponse(overrides: Partial<MeResponse> = {}): MeResponse {
  return {
    member: { id: 'member-1', roles: ['resident'], displayName: '王阿姨', joinedAt: '2025-01-01T00:00:00.000Z' },
    community: aCommunity(),
    balancePoints: 0,
    certificate: null,
    ...overrides,
  };
}

export function aClaim(overrides: Partial<Claim> = {}): Claim {
  return {
    id: 'claim-1',
    communityId: 'demo',
    memberId: 'member-1',
    memberName: '王阿姨',
    activityId: 'activity-1',
    activityTitle: '楼道清洁',
    minutes: 120,
    points: 2,
    status: 'pending',
    source: 'checkin',
    flagged: false,
    createdBy: 'member-1',
    createdAt: '2025-11-22T06:00:00.000Z',
    ...overrides,
  };
}

export function aLedgerEntry(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    transferId: 'transfer-1',
    amountPoints: 3,
    kind: 'claim',
    memo: '楼道清洁',
    createdAt: '2025-11-22T06:00:00.000Z',
    ...overrides,
  };
}

export function aGood(overrides: Partial<Good> = {}): Good {
  return {
    id: 'good-1',
    name: '小米 1kg',
    pricePoints: 2,
    stock: 5,
    valueFen: 1500,
    status: 'active',
    createdAt: '2025-11-22T06:00:00.000Z',
    ...overrides,
  };
}

export function aRedemption(overrides: Partial<Redemption> = {}): Redemption {
  return {
    id: 'redemption-1',
    goodId: 'good-1',
    goodName: '小米 1kg',
    memberId: 'member-1',
    memberName: '王阿姨',
    quantity: 1,
    pricePoints: 2,
    totalPoints: 2,
    valueFen: 1500,
    pickupCode: '042917',
    status: 'reserved',
    createdAt: '2025-11-22T06:00:00.000Z',
    ...overrides,
  };
}
