import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { runInScope } from '../../lib/request-scope';
import { keys } from '../keys';
import { withMemberNumber } from './member-numbers';

/** A transaction cancelled as DynamoDB cancels one: a reason for each item, in order. */
const cancelled = (...codes: string[]) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

/** A client whose only request is the counter's GetItem, answering `lastNo` from the table. */
function tableAt(lastNo: () => number): DynamoDBDocumentClient {
  return {
    send: async (command: unknown) => {
      if (!(command instanceof GetCommand)) throw new Error('only the counter is read');
      return { Item: { ...keys.memberNumbers('c1'), lastNo: lastNo() } };
    },
  } as unknown as DynamoDBDocumentClient;
}

describe('withMemberNumber', () => {
  it('after a cancelled write, reads the counter from the table, not from the request’s stale read-ahead', async () => {
    // The request read the counter at 1001 ahead of its writes; another join then took 1002.
    let tableLastNo = 1002;
    const counterKey = keys.memberNumbers('c1');
    const readAhead = new Map([[`${counterKey.PK}\u0000${counterKey.SK}`, { ...counterKey, lastNo: 1001 }]]);
    const tried: number[] = [];

    const given = await runInScope({ requestId: 'r1', actorId: 'u1', readAhead }, () =>
      withMemberNumber(
        tableAt(() => tableLastNo),
        't',
        { communityId: 'c1', userId: 'u1' },
        async (numbered) => {
          tried.push(numbered.memberNo);
          if (numbered.memberNo === 1002) throw cancelled('None', 'ConditionalCheckFailed', 'ConditionalCheckFailed');
          tableLastNo = numbered.memberNo;
          return numbered.memberNo;
        },
      ),
    );

    expect(tried).toEqual([1002, 1003]);
    expect(given).toBe(1003);
  });

  it('gives up, with the write’s own error, when the counter never moves (another item’s condition failed)', async () => {
    const refused = cancelled('None', 'None', 'None', 'ConditionalCheckFailed');
    let writes = 0;

    const attempt = withMemberNumber(
      tableAt(() => 1001),
      't',
      { communityId: 'c1', userId: 'u1' },
      async () => {
        writes += 1;
        throw refused;
      },
    );

    await expect(attempt).rejects.toBe(refused);
    expect(writes).toBeLessThanOrEqual(5);
  });
});
