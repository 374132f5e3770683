import type TaroType from '@tarojs/taro';
import { contracts } from '@linli/shared';
import { aCommunity } from '../../test/factories';
import type * as Api from '.';
import type * as Client from './client';
import type * as Session from '../state/session';

/**
 * Issue 21: the answers of the reads started early are handed out together, so 我的 renders once
 * with its member, its merchants and the privacy check instead of once per answer. The first early
 * read taken fixes which reads it waits for: each case has a fresh copy of the client.
 */
function freshClient() {
  let modules: { Taro: typeof TaroType; api: typeof Api; client: typeof Client; session: typeof Session } | undefined;
  jest.isolateModules(() => {
    modules = {
      Taro: (require('@tarojs/taro') as { default: typeof TaroType }).default,
      api: require('.') as typeof Api,
      client: require('./client') as typeof Client,
      session: require('../state/session') as typeof Session,
    };
  });
  return modules!;
}

type Answer = Awaited<ReturnType<typeof TaroType.request>>;

/** An answer the test gives when it wants. */
function later(): { promise: Promise<Answer>; give: (data: unknown) => void } {
  let give: (data: unknown) => void = () => undefined;
  const promise = new Promise<Answer>((resolve) => {
    give = (data) => resolve({ statusCode: 200, data, header: {}, errMsg: 'request:ok' } as Answer);
  });
  return { promise, give };
}

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Three reads started early (demo, other, third); `request` of demo taken and watched. */
function threeEarlyReads() {
  const { Taro, api, client, session } = freshClient();
  session.sessionToken.set('together');
  const answers = { demo: later(), other: later(), third: later() };
  jest
    .mocked(Taro.request)
    .mockReturnValueOnce(answers.demo.promise as never)
    .mockReturnValueOnce(answers.other.promise as never)
    .mockReturnValueOnce(answers.third.promise as never);
  for (const cid of Object.keys(answers)) client.startEarlyRead(`/v1/communities/${cid}`);
  const settled: string[] = [];
  const demo = api.request(contracts.getCommunity, { params: { cid: 'demo' } }).then((community) => {
    settled.push(community.name);
    return community;
  });
  return { Taro, api, client, answers, settled, demo };
}

describe('the first screen’s early reads', () => {
  it('hand out their answers together: the first taken waits for the others', async () => {
    const { Taro, api, client, answers, settled, demo } = threeEarlyReads();

    answers.demo.give(aCommunity({ name: '第一' }));
    answers.other.give(aCommunity({ name: '第二' }));
    await pause(30);
    expect(settled).toEqual([]);

    answers.third.give(aCommunity({ name: '第三' }));
    const started = Date.now();
    await demo;

    expect(settled).toEqual(['第一']);
    expect(Date.now() - started).toBeLessThan(client.FIRST_READS_TOGETHER_MS);
    const other = await api.request(contracts.getCommunity, { params: { cid: 'other' } });
    expect(other.name).toBe('第二');
    expect(jest.mocked(Taro.request)).toHaveBeenCalledTimes(3);
  });

  it('wait for a read that does not answer FIRST_READS_TOGETHER_MS at most', async () => {
    const { client, answers, settled, demo } = threeEarlyReads();

    answers.demo.give(aCommunity({ name: '第一' }));
    answers.other.give(aCommunity({ name: '第二' }));
    const started = Date.now();
    await demo;

    expect(settled).toEqual(['第一']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(client.FIRST_READS_TOGETHER_MS - 40);
    answers.third.give(aCommunity());
  });
});
