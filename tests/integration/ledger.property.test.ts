import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { SYSTEM_ACCOUNTS, memberAccount, type AccountAddress } from '../../functions/src/domain/ledger/accounts';
import { postTransfer } from '../../functions/src/domain/ledger/ledger';
import { reverseTransfer } from '../../functions/src/domain/ledger/reversals';
import type { Transfer } from '../../functions/src/domain/ledger/transfer';
import { stores } from '../../functions/src/wiring';
import { AppError } from '../../functions/src/lib/errors';
import { DynamoLedgerStore } from '../../functions/src/store/ledger/ledger-store';
import { keys } from '../../functions/src/store/keys';
import { documentClient } from '../support/api';
import { communityFixture, tableName } from '../support/factories';

/**
 * Property tests of the points ledger over DynamoDB Local (the real store, real
 * transactions). Random sequences of issuing, moving, redeeming, reversing, retrying
 * and racing duplicates; after each sequence the invariants must hold:
 *   1. per community the balances of all accounts sum to zero;
 *   2. every stored balance equals the sum of that account's history entries;
 *   3. balances equal an in-memory model (each transfer posted exactly once, none lost);
 *   4. no member balance is negative.
 * LINLI_PROPERTY_RUNS (default 1000) and LINLI_PROPERTY_SEED replay a run.
 */
const RUNS = Number(process.env.LINLI_PROPERTY_RUNS ?? 1000);
const SEED = Number(process.env.LINLI_PROPERTY_SEED ?? Date.now() % 2_147_483_647);
const MEMBERS = ['alice', 'bob', 'carol'];

type Operation =
  | { kind: 'issue'; to: number; amountPoints: number }
  | { kind: 'move'; from: number; to: number; amountPoints: number }
  | { kind: 'redeem'; from: number; amountPoints: number }
  | { kind: 'reverse'; which: number }
  | { kind: 'retry'; which: number }
  | { kind: 'race'; to: number; amountPoints: number; copies: number };

const member = fc.integer({ min: 0, max: MEMBERS.length - 1 });
const amount = fc.integer({ min: 1, max: 20 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('issue' as const), to: member, amountPoints: amount }),
  fc.record({ kind: fc.constant('move' as const), from: member, to: member, amountPoints: amount }),
  fc.record({ kind: fc.constant('redeem' as const), from: member, amountPoints: amount }),
  fc.record({ kind: fc.constant('reverse' as const), which: fc.nat() }),
  fc.record({ kind: fc.constant('retry' as const), which: fc.nat() }),
  fc.record({
    kind: fc.constant('race' as const),
    to: member,
    amountPoints: amount,
    copies: fc.integer({ min: 2, max: 4 }),
  }),
);

const expectedFailure = (error: unknown) =>
  error instanceof AppError &&
  [
    'ledger.insufficient_funds',
    'ledger.already_reversed',
    'ledger.invalid_transfer',
    'ledger.cannot_reverse_reversal',
  ].includes(error.code);

describe(`ledger invariants (${RUNS} random sequences, seed ${SEED})`, () => {
  const ledger = () => new DynamoLedgerStore(documentClient(), tableName());

  async function storedHistorySum(communityId: string, address: AccountAddress): Promise<number> {
    let sum = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.ledgerPartition(communityId, address) },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) sum += Number(item.amountPoints);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return sum;
  }

  it('hold after every sequence', async () => {
    console.log(`ledger property test: ${RUNS} runs, seed ${SEED} (replay with LINLI_PROPERTY_SEED=${SEED})`);
    let operationsRun = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 6 }), async (operations) => {
        const store = ledger();
        const communityId = `p-${randomUUID().slice(0, 12)}`;
        const model = new Map<AccountAddress, number>();
        const posted: Transfer[] = [];
        const accounts = new Set<AccountAddress>([SYSTEM_ACCOUNTS.issuance, SYSTEM_ACCOUNTS.redemption]);
        const apply = (transfer: Transfer) => {
          for (const { source, destination, amountPoints } of transfer.postings) {
            model.set(source, (model.get(source) ?? 0) - amountPoints);
            model.set(destination, (model.get(destination) ?? 0) + amountPoints);
            accounts.add(source).add(destination);
          }
          posted.push(transfer);
        };
        const transfer = (postings: Transfer['postings']): Transfer => ({
          communityId,
          transferId: randomUUID(),
          kind: 'adjustment',
          memo: 'property test',
          postings,
          actorId: 'property',
          createdAt: new Date().toISOString(),
        });
        for (const step of operations) {
          operationsRun += 1;
          const account = (index: number) => memberAccount(MEMBERS[index]!);
          try {
            if (step.kind === 'issue' || step.kind === 'move' || step.kind === 'redeem') {
              const source = step.kind === 'issue' ? SYSTEM_ACCOUNTS.issuance : account(step.from);
              const destination = step.kind === 'redeem' ? SYSTEM_ACCOUNTS.redemption : account(step.to);
              const next = transfer([{ source, destination, amountPoints: step.amountPoints }]);
              if ((await postTransfer(store, next)) === 'posted') apply(next);
            } else if (step.kind === 'race') {
              const next = transfer([
                { source: SYSTEM_ACCOUNTS.issuance, destination: account(step.to), amountPoints: step.amountPoints },
              ]);
              const outcomes = await Promise.all(Array.from({ length: step.copies }, () => postTransfer(store, next)));
              expect(outcomes.filter((outcome) => outcome === 'posted')).toHaveLength(1);
              apply(next);
            } else if (posted.length > 0) {
              const target = posted[step.which % posted.length]!;
              if (step.kind === 'retry') {
                expect(await postTransfer(store, target)).toBe('duplicate');
              } else {
                const { transferId } = await reverseTransfer(
                  {
                    community: communityFixture({ id: communityId }),
                    transferId: target.transferId,
                    actorId: 'property',
                    reason: 'property test',
                  },
                  {
                    ledger: store,
                    claims: stores.claims(),
                    certificates: stores.certificates(),
                    contributions: stores.supermarket(),
                    supermarket: stores.supermarket(),
                    getEarned: (cid, memberId, month) => stores.office().getEarned(cid, memberId, month),
                  },
                );
                const reversal = await store.getTransfer(communityId, transferId);
                apply(reversal!);
              }
            }
          } catch (error) {
            if (!expectedFailure(error)) throw error;
          }
        }
        let total = 0;
        for (const address of accounts) {
          const stored = await store.getAccount(communityId, address);
          total += stored.balancePoints;
          expect(stored.balancePoints).toBe(model.get(address) ?? 0);
          expect(await storedHistorySum(communityId, address)).toBe(stored.balancePoints);
          if (address.startsWith('member:')) expect(stored.balancePoints).toBeGreaterThanOrEqual(0);
        }
        expect(total).toBe(0);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`ledger property test: ${RUNS} sequences, ${operationsRun} operations, all invariants held`);
  }, 600_000);
});
