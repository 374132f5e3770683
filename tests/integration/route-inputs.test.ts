import { contracts } from '@linli/shared';
import { querySchema, routeTable, type RouteEntry } from '../support/routes';

/**
 * Issue 12, "input that reaches the store": no client value reaches DynamoDB unvalidated. Every
 * path parameter and every query field of every route of the route table is checked by a strict
 * schema (unknown keys refused) whose fields are bounded — a pattern, an enum or a maximum length —
 * so a key, a partition or a filter is never built from free text of any size. Cursors are signed
 * (`cursors.test.ts`); `X-Act-For` and `Idempotency-Key` are checked by `lib/http.ts` (hostile-input).
 */

interface Definition {
  type: string;
  shape?: Record<string, { _zod: { def: Definition } }>;
  catchall?: { _zod: { def: Definition } };
  innerType?: { _zod: { def: Definition } };
  checks?: { _zod: { def: { check: string } } }[];
}

const definitionOf = (schema: unknown): Definition | undefined =>
  (schema as { _zod?: { def?: Definition } } | undefined)?._zod?.def;

/** `''` when the field is bounded, else why not. */
function unbounded(definition: Definition): string {
  if (definition.type === 'optional' && definition.innerType) return unbounded(definition.innerType._zod.def);
  if (definition.type === 'enum' || definition.type === 'literal' || definition.type === 'boolean') return '';
  const checks = (definition.checks ?? []).map((check) => check._zod.def.check);
  if (definition.type === 'string' && (checks.includes('string_format') || checks.includes('max_length'))) return '';
  return `${definition.type} without a pattern, enum or maximum length`;
}

/** What is wrong with a route part's schema: not strict, or a field that is not bounded. */
function problemsOf(entry: RouteEntry, part: string, schema: unknown): string[] {
  const definition = definitionOf(schema);
  if (!definition || definition.type !== 'object') return [`${entry.contract} ${part}: no object schema`];
  const problems: string[] = [];
  if (definition.catchall?._zod.def.type !== 'never') problems.push(`${entry.contract} ${part}: not strict`);
  for (const [field, value] of Object.entries(definition.shape ?? {})) {
    const reason = unbounded(value._zod.def);
    if (reason) problems.push(`${entry.contract} ${part}.${field}: ${reason}`);
  }
  return problems;
}

describe('client values that reach the store (every route of the route table)', () => {
  const { entries, problems: tableProblems } = routeTable();

  it('reads the whole route table', () => {
    expect(tableProblems).toEqual([]);
    expect(entries.length).toBe(Object.keys(contracts).length);
  });

  it('validates every path parameter with a strict, bounded schema naming exactly the path’s parameters', () => {
    const problems: string[] = [];
    for (const entry of entries) {
      const placeholders = [...entry.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const schema = (contracts[entry.contract] as { params?: unknown }).params;
      if (placeholders.length === 0) {
        if (schema) problems.push(`${entry.contract}: params schema on a path without parameters`);
        continue;
      }
      problems.push(...problemsOf(entry, 'params', schema));
      const fields = Object.keys(definitionOf(schema)?.shape ?? {}).sort();
      if (fields.join() !== placeholders.join())
        problems.push(`${entry.contract}: params ${fields} ≠ path ${placeholders}`);
    }

    expect(problems).toEqual([]);
  });

  it('validates every query with a strict, bounded schema', () => {
    const problems: string[] = [];
    for (const entry of entries) {
      const schema = querySchema(entry);
      if (schema === undefined) continue;
      if (typeof schema === 'string') problems.push(`${entry.contract}: query schema ${schema}`);
      else problems.push(...problemsOf(entry, 'query', schema));
    }

    expect(problems).toEqual([]);
  });
});
