import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `osls offline` (serverless-esbuild) rebuilds every function whenever a watched file changes. Its default
 * watches every .js/.ts file of the repository: a test writing a copy of the H5 build under tests/.artifacts
 * set off a rebuild per file, and the API answered nothing for a minute in CI runs. serverless.yml watches
 * the functions' own sources only (read as text: the list under `custom.esbuild.watch.pattern`).
 */
describe('the local API’s live reload', () => {
  it('watches the functions’ sources only, never tests, the mini-program or build output', () => {
    const yml = readFileSync(path.join(__dirname, '..', '..', 'serverless.yml'), 'utf8');
    const block = /\n {4}watch:\n {6}pattern:\n((?: {8}- .+\n)+)/.exec(yml);
    const patterns = (block?.[1] ?? '')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/^ {8}- '?|'$/g, ''));

    expect(patterns).toEqual(['functions/src/**/*.ts', 'shared/src/**/*.ts', 'infra/**/*.ts']);
  });
});
