import { randomUUID } from 'node:crypto';
import { logger } from '../../functions/src/lib/logger';
import { createCommunity } from '../support/factories';
import { callRoute, loadHandlers, personIn, routeTable } from '../support/routes';

/**
 * Attacks on issue 14's one-function-per-area: a warm area function now serves routes with and
 * without `{cid}` one after the other, on one logger. What it writes for one request must be about
 * that request only.
 */

/** The JSON lines the logger writes while `run` runs (at INFO, whatever the suite's level). */
async function logLines(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  const level = logger.getLevelName();
  logger.setLogLevel('INFO');
  try {
    await run();
  } finally {
    logger.setLogLevel(level);
    spy.mockRestore();
  }
  return chunks
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(async () => {
  await loadHandlers(routeTable().entries);
});

describe('the logger of a warm area function', () => {
  it('does not label a request without {cid} with the community of an idempotent replay before it', async () => {
    const community = await createCommunity();
    const person = await personIn(undefined, []);
    const key = `attack-${randomUUID()}`;
    const join = () =>
      callRoute('joinCommunity', {
        token: person.token,
        params: { cid: community.id },
        headers: { 'idempotency-key': key },
      });
    expect((await join()).status).toBeLessThan(300);

    const lines = await logLines(async () => {
      const replay = await join(); // answered from the idempotency record: middy's early return
      expect(replay.headers['idempotent-replayed']).toBe('true');
      // The same identity function, next request: a route with no community at all.
      expect((await callRoute('listMyCommunities', { token: person.token })).status).toBe(200);
    });

    const mine = lines.filter((line) => line.route === 'GET /v1/me/communities');
    expect(mine.length).toBeGreaterThan(0);
    for (const line of mine)
      expect({ message: line.message, communityId: line.communityId }).toEqual({
        message: line.message,
        communityId: undefined,
      });
  });
});
