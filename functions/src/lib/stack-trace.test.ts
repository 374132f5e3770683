import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { sourceMappedError, sourceMappedStack } from './stack-trace';

describe('source-mapped stack traces (read the map only when an error is logged)', () => {
  it('maps the frames of a minified bundle back to the TypeScript source', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'linli-stack-'));
    const source = path.join(directory, 'source.ts');
    writeFileSync(
      source,
      ['export function fail(points: number): never {', '  throw new Error(`no ${points} points`);', '}', ''].join(
        '\n',
      ),
    );
    const bundle = path.join(directory, 'bundle.js');
    buildSync({
      entryPoints: [source],
      outfile: bundle,
      bundle: true,
      minify: true,
      sourcemap: 'linked',
      format: 'cjs',
      platform: 'node',
    });
    // A fresh node, as Lambda runs the bundle (jest would map the stack itself).
    const stack = execFileSync(
      process.execPath,
      ['-e', `try { require(${JSON.stringify(bundle)}).fail(3) } catch (error) { process.stdout.write(error.stack) }`],
      { env: { ...process.env, NODE_OPTIONS: '' } },
    ).toString();
    expect(stack).toContain('bundle.js:');
    const error = Object.assign(new Error('no 3 points'), { stack });
    const mapped = sourceMappedError(error);
    expect(mapped.message).toBe('no 3 points');
    expect(mapped.stack).toMatch(/source\.ts:2:\d+/);
  });

  it('leaves frames without a map, and other lines, as they are', () => {
    const stack = 'Error: x\n    at f (/nowhere/missing.js:1:10)\n    at node:internal/process/task_queues:95:5';
    expect(sourceMappedStack(stack)).toBe(stack);
    expect(sourceMappedError('plain')).toEqual({ name: 'NonError', message: 'plain' });
  });
});

describe('a source map that cannot be read does not turn a logged 500 into a crash', () => {
  it('leaves the frames of a bundle whose map is valid JSON but has broken mappings as they are', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'linli-stack-bad-'));
    const bundle = path.join(directory, 'index.js');
    writeFileSync(bundle, 'throw new Error("x")\n');
    writeFileSync(`${bundle}.map`, JSON.stringify({ version: 3, sources: ['a.ts'], names: [], mappings: '!!!!' }));
    const stack = `Error: boom\n    at f (${bundle}:1:5)`;
    const error = Object.assign(new Error('boom'), { stack });

    expect(() => sourceMappedError(error)).not.toThrow();
    expect(sourceMappedError(error)).toEqual({ name: 'Error', message: 'boom', stack });
  });

  it('records an error whose stack is not a string (set by a library) without throwing', () => {
    const error = Object.assign(new Error('odd'), { stack: { frames: [] } as unknown as string });

    expect(() => sourceMappedError(error)).not.toThrow();
    expect(sourceMappedError(error)).toMatchObject({ name: 'Error', message: 'odd' });
  });
});
