import { SYSTEM_ACCOUNTS, memberAccount } from './accounts';
import { assertValidTransfer, earnedChanges, netChanges, reversalOf, type Transfer } from './transfer';

const transferFactory = (overrides: Partial<Transfer> = {}): Transfer => ({
  communityId: 'zirui',
  transferId: 'claim:1',
  kind: 'claim',
  memo: '扫雪',
  postings: [{ source: SYSTEM_ACCOUNTS.issuance, destination: memberAccount('u1'), amountPoints: 3 }],
  actorId: 'staff',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('transfers', () => {
  it('nets every account to a sum of zero', () => {
    const changes = netChanges([
      { source: SYSTEM_ACCOUNTS.issuance, destination: memberAccount('u1'), amountPoints: 5 },
      { source: memberAccount('u1'), destination: SYSTEM_ACCOUNTS.redemption, amountPoints: 2 },
    ]);

    expect(Object.fromEntries(changes)).toEqual({
      'community:issuance': -5,
      'member:u1': 3,
      'community:redemption': 2,
    });
    expect([...changes.values()].reduce((sum, change) => sum + change, 0)).toBe(0);
  });

  it('counts lifetime earned points from issuance only, and takes them back on reversal', () => {
    const original = transferFactory();
    const reversal = reversalOf(original, { actorId: 'admin', reason: '录错', createdAt: '2026-01-02T00:00:00.000Z' });

    expect(earnedChanges(original.postings).get(memberAccount('u1'))).toBe(3);
    expect(earnedChanges(reversal.postings).get(memberAccount('u1'))).toBe(-3);
    expect(
      earnedChanges([{ source: memberAccount('u2'), destination: memberAccount('u1'), amountPoints: 1 }]).size,
    ).toBe(0);
  });

  it('reverses with swapped postings and an id derived from the original', () => {
    const reversal = reversalOf(transferFactory(), {
      actorId: 'admin',
      reason: '录错',
      createdAt: '2026-01-02T00:00:00.000Z',
    });

    expect(reversal).toMatchObject({ transferId: 'reversal:claim:1', kind: 'reversal', reversesTransferId: 'claim:1' });
    expect(reversal.postings).toEqual([
      { source: memberAccount('u1'), destination: SYSTEM_ACCOUNTS.issuance, amountPoints: 3 },
    ]);
  });

  it.each([
    ['zero points', [{ source: SYSTEM_ACCOUNTS.issuance, destination: memberAccount('u1'), amountPoints: 0 }]],
    ['fractional points', [{ source: SYSTEM_ACCOUNTS.issuance, destination: memberAccount('u1'), amountPoints: 1.5 }]],
    ['same account', [{ source: memberAccount('u1'), destination: memberAccount('u1'), amountPoints: 1 }]],
    ['no postings', []],
  ])('refuses %s', (_case, postings) => {
    expect(() => assertValidTransfer(transferFactory({ postings: postings as Transfer['postings'] }))).toThrow(
      expect.objectContaining({ code: 'ledger.invalid_transfer' }),
    );
  });
});
