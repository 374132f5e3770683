import type {
  Claim,
  Community,
  FundEntry,
  Good,
  ImageView,
  LedgerEntry,
  MeResponse,
  Order,
  PublicProduct,
  Redemption,
} from '@linli/shared';

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

export function aProduct(overrides: Partial<PublicProduct> = {}): PublicProduct {
  return {
    id: 'product-1',
    title: '手工草帽',
    description: '麦秆编织，透气',
    priceFen: 15000,
    stock: 3,
    images: [],
    makerName: '李奶奶',
    fundShareBps: 2000,
    ...overrides,
  };
}

export function anOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: 'order-1',
    kind: 'shop',
    buyerId: 'member-1',
    buyerName: '王阿姨',
    lines: [
      {
        productId: 'product-1',
        title: '手工草帽',
        makerId: 'maker-1',
        quantity: 1,
        unitPriceFen: 15000,
        grossFen: 15000,
        fundShareBps: 2000,
        fundFen: 3000,
        makerFen: 12000,
      },
    ],
    totalFen: 15000,
    status: 'pending_payment',
    createdAt: '2025-11-22T06:00:00.000Z',
    expiresAt: '2025-11-22T06:15:00.000Z',
    ...overrides,
  };
}

export function aFundEntry(overrides: Partial<FundEntry> = {}): FundEntry {
  return {
    id: 'entry-1',
    sequence: 1,
    kind: 'sale_share',
    amountFen: 3000,
    balanceAfterFen: 3000,
    description: '手工草帽 × 1',
    createdAt: '2025-11-22T06:00:00.000Z',
    previousHash: '0'.repeat(64),
    hash: 'a1b2c3d4e5f6'.padEnd(64, '9'),
    ...overrides,
  };
}

export function anImage(overrides: Partial<ImageView> = {}): ImageView {
  const id = overrides.id ?? 'img_1';
  return {
    id,
    url: `https://photos.linli.test/${id}.jpg`,
    thumbUrl: `https://photos.linli.test/${id}-thumb.jpg`,
    width: 1200,
    height: 900,
    ...overrides,
  };
}
