import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';

/**
 * Readable stack traces without `--enable-source-maps` (issue 14). That flag makes Node parse the
 * bundle's source map (1.5–1.8 MB per area function) at every cold start — measured here: the
 * office function's import and first route load went from 275 to 417 ms (median of 7). Instead the bundle's linked `.map` file, deployed
 * beside it, is read only when an error is logged, and the frames are mapped back to the
 * TypeScript sources then (Node's own `module.SourceMap`: no library in every bundle).
 */
const consumers = new Map<string, SourceMap | null>();

function consumerFor(file: string): SourceMap | null {
  if (!consumers.has(file)) {
    try {
      const payload = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload;
      // Node decodes any string as mappings: refuse one that is not base64 VLQ (it would map to nonsense).
      if (typeof payload.mappings !== 'string' || !/^[A-Za-z0-9+/,;]*$/.test(payload.mappings))
        throw new Error('not a source map');
      consumers.set(file, new SourceMap(payload));
    } catch {
      consumers.set(file, null); // no map beside the file (tests run the sources): leave its frames as they are
    }
  }
  return consumers.get(file) ?? null;
}

/**
 * The source position of a bundle's line and column, or null. A map that parses but cannot be
 * used (its `mappings` are decoded only here) is dropped: logging an error must never throw one.
 */
function originalPosition(file: string, line: number, column: number) {
  const consumer = consumerFor(file);
  if (!consumer) return null;
  try {
    // Node's SourceMap counts lines from 0; stack frames from 1.
    const entry = consumer.findEntry(line - 1, column) as Partial<{
      originalSource: string;
      originalLine: number;
      originalColumn: number;
      name: string;
    }>;
    if (!entry.originalSource) return null;
    return {
      source: entry.originalSource,
      line: entry.originalLine! + 1,
      column: entry.originalColumn!,
      name: entry.name,
    };
  } catch {
    consumers.set(file, null);
    return null;
  }
}

const FRAME = /(\(|at )([^()\s]+\.js):(\d+):(\d+)(\)?)$/;

/** `at f (/var/task/…/index.js:1:2345)` → `at f (functions/src/domain/…/x.ts:42:7)`; other lines unchanged. */
export function sourceMappedStack(stack: string): string {
  return stack
    .split('\n')
    .map((line) => {
      const match = FRAME.exec(line);
      if (!match) return line;
      const [whole, open, file, lineNumber, column, close] = match as unknown as string[];
      const original = originalPosition(file!, Number(lineNumber), Number(column) - 1);
      if (!original?.source) return line;
      const source = original.source.replace(/^(\.\.\/)+/, '');
      const name = original.name ? ` [${original.name}]` : '';
      return (
        line.slice(0, line.length - whole!.length) +
        `${open}${source}:${original.line}:${original.column! + 1}${close}${name}`
      );
    })
    .join('\n');
}

/** An error as the logger should record it: name, message and the source-mapped stack. */
export function sourceMappedError(error: unknown): { name: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { name: 'NonError', message: String(error) };
  const stack = typeof error.stack === 'string' ? sourceMappedStack(error.stack) : undefined;
  return { name: error.name, message: error.message, stack };
}
