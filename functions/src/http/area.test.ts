import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { contracts } from '@linli/shared';
import { routes as dev } from './dev';
import { AREAS } from '../../../infra/functions';
import { areaHandler, routeKey, type RouteName } from './area';

/** `./create-claim` for each route of a table, read from its source (the loaders are closures). */
function tableFiles(file: string): Map<string, string> {
  const source = readFileSync(file, 'utf8');
  return new Map([...source.matchAll(/(\w+): \(\) => import\('\.\/([\w/-]+)'\)/g)].map((m) => [m[1]!, m[2]!]));
}

describe('one function per area', () => {
  it('serves every contract exactly once, the dev routes only from the dev table', () => {
    const served = [...Object.values(AREAS), dev].flatMap((routes) => Object.keys(routes));
    expect(served.sort()).toEqual(Object.keys(contracts).sort());
    expect(Object.keys(dev).sort()).toEqual(['devLogin', 'devPayOrder']);
  });

  it('routes each contract to the handler file of its area that declares it', () => {
    for (const area of Object.keys(AREAS)) {
      const directory = path.join(__dirname, area);
      const table = tableFiles(path.join(directory, 'index.ts'));
      const devTable = tableFiles(path.join(__dirname, 'dev.ts'));
      for (const file of readdirSync(directory).filter((name) => name.endsWith('.ts') && name !== 'index.ts')) {
        if (file.endsWith('.test.ts')) continue;
        const name = /contracts\.(\w+)/.exec(readFileSync(path.join(directory, file), 'utf8'))?.[1];
        const module = file.replace(/\.ts$/, '');
        const where = table.get(name!) === module || devTable.get(name!) === `${area}/${module}`;
        expect({ file: `${area}/${file}`, contract: name, inTable: where }).toEqual({
          file: `${area}/${file}`,
          contract: name,
          inTable: true,
        });
      }
    }
  });

  it('dispatches on the route key, and answers 404 JSON for a key it does not serve', async () => {
    const calls: string[] = [];
    const handler = areaHandler({
      getFund: async () => ({
        handler: async (event) => {
          calls.push(event.routeKey);
          return { statusCode: 200, body: '{}' };
        },
      }),
    });
    const event = (key: string) => ({ routeKey: key }) as never;
    expect((await handler(event(routeKey('getFund' as RouteName)), {} as never)).statusCode).toBe(200);
    expect(calls).toEqual(['GET /v1/communities/{cid}/fund']);
    const unknown = await handler(event('GET /v1/communities/{cid}/claims'), {} as never);
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(String(unknown.body)).error.code).toBe('route.not_found');
  });
});
