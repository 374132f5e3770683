import { EMPTY_HEAD, GENESIS_HASH, chainEntry, verifyChain, type FundHead } from './chain';

const draft = (amountFen: number) => ({ kind: 'donation' as const, amountFen, description: '捐赠' });

function chainOf(amounts: number[]) {
  let head: FundHead = EMPTY_HEAD;
  return amounts.map((amountFen, index) => {
    const entry = chainEntry(head, draft(amountFen), `e${index}`, `2026-11-22T0${index}:00:00.000Z`);
    head = { ...head, sequence: entry.sequence, latestHash: entry.hash, balanceFen: entry.balanceAfterFen };
    return entry;
  });
}

describe('the fund hash chain', () => {
  it('links each entry to the previous hash and carries the running balance', () => {
    const [first, second] = chainOf([15000, -3000]);

    expect(first).toMatchObject({ sequence: 1, previousHash: GENESIS_HASH, balanceAfterFen: 15000 });
    expect(second).toMatchObject({ sequence: 2, previousHash: first!.hash, balanceAfterFen: 12000 });
    expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyChain(chainOf([100, 200, 300]))).toEqual({ intact: true });
  });

  it('detects a changed amount, a removed entry and reordering', () => {
    const entries = chainOf([100, 200, 300]);

    expect(verifyChain([entries[0]!, { ...entries[1]!, amountFen: 20 }, entries[2]!])).toEqual({
      intact: false,
      brokenAt: 2,
    });
    expect(verifyChain([entries[0]!, entries[2]!])).toEqual({ intact: false, brokenAt: 3 });
    expect(verifyChain([entries[1]!, entries[0]!])).toEqual({ intact: false, brokenAt: 2 });
  });

  it('hashes the same entry the same way whatever the key order', () => {
    const [entry] = chainOf([100]);
    const reordered = Object.fromEntries(Object.entries(entry!).reverse()) as typeof entry;

    expect(verifyChain([reordered!])).toEqual({ intact: true });
  });
});
