import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { contracts } from '@linli/shared';
import { memberItem } from '../../functions/src/store/identity/identity-store';
import { documentClient, newUser, send } from '../support/api';
import { createCommunity, createMember, tableName } from '../support/factories';

/**
 * Member search (`GET …/members?q=`, 补录时长 and 代办管理's picker) ignores letter case and full-width
 * forms: staff type a name as they hear it. A rename is found by its new name, not the old; a closed
 * account by neither. Over HTTP against the local stack.
 */
type Person = { token: string; userId: string };

const names = async (cid: string, staff: Person, q: string) => {
  const reply = await send(contracts.listMembers, { params: { cid }, token: staff.token, query: { q } });
  expect(reply.status).toBe(200);
  return reply.body.items.map((member) => member.displayName);
};

const joinAs = async (cid: string, displayName: string): Promise<Person> => {
  const person = await newUser('searched');
  const joined = await send(contracts.joinCommunity, { params: { cid }, token: person.token });
  expect(joined.status).toBe(201);
  const renamed = await send(contracts.updateMyDisplayName, {
    params: { cid },
    token: person.token,
    body: { displayName },
  });
  expect(renamed.status).toBe(200);
  return person;
};

describe('member search ignores letter case and full-width forms', () => {
  it('finds “Wang Fang” by wang, WANG, ｗａｎｇ and fang; Chinese names as before', async () => {
    const { id: cid } = await createCommunity();
    const staff = await createMember(cid, ['staff']);
    await joinAs(cid, 'Wang Fang');
    await joinAs(cid, '李秀英');

    for (const q of ['wang', 'WANG', 'Wang', 'ｗａｎｇ', 'fang', 'g f'])
      expect({ q, found: await names(cid, staff, q) }).toEqual({ q, found: ['Wang Fang'] });
    expect(await names(cid, staff, '秀英')).toEqual(['李秀英']);
    expect(await names(cid, staff, 'li')).toEqual([]);
  });

  it('finds a renamed member by the new name only, and a closed account by neither', async () => {
    const { id: cid } = await createCommunity();
    const staff = await createMember(cid, ['staff']);
    const person = await joinAs(cid, 'Old Name');
    await send(contracts.updateMyDisplayName, {
      params: { cid },
      token: person.token,
      body: { displayName: 'Zhou Min' },
    });

    expect(await names(cid, staff, 'old')).toEqual([]);
    expect(await names(cid, staff, 'zhou')).toEqual(['Zhou Min']);

    const closed = await send(contracts.closeAccount, { token: person.token, body: { confirm: true } });
    expect(closed.status).toBe(200);
    expect(await names(cid, staff, 'zhou')).toEqual([]);
    expect(await names(cid, staff, 'Zhou')).toEqual([]);
  });

  it('still finds a member written before the folded name, by the name as typed', async () => {
    const { id: cid } = await createCommunity();
    const staff = await createMember(cid, ['staff']);
    const person = await newUser('older');
    const { searchName: _folded, ...older } = memberItem({
      communityId: cid,
      userId: person.userId,
      roles: ['resident'],
      displayName: 'Ma Lan',
      joinedAt: new Date().toISOString(),
    });
    const client = documentClient();
    await client.send(new PutCommand({ TableName: tableName(), Item: older }));

    expect(await names(cid, staff, 'Ma L')).toEqual(['Ma Lan']);
    await client.send(new DeleteCommand({ TableName: tableName(), Key: { PK: older.PK, SK: older.SK } }));
  });
});
