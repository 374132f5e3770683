import type { Community, MeResponse } from '@linli/shared';

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
