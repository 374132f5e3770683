import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { contracts } from '@linli/shared';

/**
 * The integration and end-to-end tests call a route through its contract (`send(contracts.x, …)`
 * of tests/support/api.ts), never by a method and path string. Read off the source: a `call(…)` —
 * or a `fetch` of `${apiUrl()}/v1/…` — whose literal method and path are those of a declared
 * contract fails here. `call` stays for what has no contract (unknown paths, wrong methods…); a
 * deliberate string request to a contracted route says why on the line above: `// no contract: …`.
 */
const TESTS = path.resolve(__dirname, '..');
const FOLDERS = ['integration', 'e2e', 'support'].map((folder) => path.join(TESTS, folder));
const MARKER = '// no contract:';

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** `/v1/communities/{cid}/claims/{claimId}/approve` → a pattern any value of the parameters fits. */
const ROUTES = Object.entries(contracts).map(([name, contract]) => ({
  name,
  method: contract.method as string,
  pattern: new RegExp(`^${contract.path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
}));

/** The text of a string or template literal, each `${…}` standing for one path segment; else undefined. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((span) => `x${span.literal.text}`).join('');
  }
  return undefined;
}

/** The contracts a request of `method` (any, when not literal) to `target` would reach. */
function contractsFor(method: string | undefined, target: string): string[] {
  const pathOnly = target.split('?')[0]!;
  return ROUTES.filter(
    (route) => (method === undefined || route.method === method) && route.pattern.test(pathOnly),
  ).map((route) => route.name);
}

interface StringRequest {
  where: string;
  request: string;
  contracts: string[];
}

/** Every request by string in `source` that a contract declares. */
function stringRequests(fileName: string, source: string): StringRequest[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const lines = source.split('\n');
  const found: StringRequest[] = [];
  const report = (node: ts.Node, method: string | undefined, target: string) => {
    const matches = contractsFor(method, target);
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
    if (matches.length === 0 || lines[line - 1]?.trim().startsWith(MARKER)) return;
    const where = `${path.relative(TESTS, fileName).split(path.sep).join('/')}:${line + 1}`;
    found.push({ where, request: `${method ?? '?'} ${target}`, contracts: matches });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const [first, second] = node.arguments;
      if (node.expression.text === 'call' && first && second) {
        const target = literalText(second);
        if (target !== undefined) report(node, literalText(first), target);
      }
      if (node.expression.text === 'fetch' && first && ts.isTemplateExpression(first)) {
        const base = first.templateSpans[0];
        if (first.head.text === '' && base && /^apiUrl\(\)$/.test(base.expression.getText(file))) {
          const target =
            base.literal.text +
            first.templateSpans
              .slice(1)
              .map((span) => `x${span.literal.text}`)
              .join('');
          if (target.startsWith('/')) report(node, undefined, target);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('tests call routes through their contract', () => {
  it('finds a string request to a contracted route, and lets the others be', () => {
    const sample = [
      "await call('POST', `/v1/communities/${cid}/claims/${claim.id}/approve`, { token });",
      "await call<Community>('GET', '/v1/communities/demo');",
      "await call('GET', `/v1/communities/${cid}/me/claims?status=${status}`);",
      'await fetch(`${apiUrl()}/v1/communities/${cid}/fund/entries.csv`);',
      "await call('GET', `/v1/communities/${cid}/no-such-route`);",
      "await call('DELETE', '/v1/communities/demo');",
      MARKER + ' the hostile path is the point',
      "await call('GET', '/v1/communities/demo/me');",
    ].join('\n');

    expect(stringRequests(path.join(TESTS, 'integration', 'sample.test.ts'), sample)).toEqual([
      expect.objectContaining({ where: 'integration/sample.test.ts:1', contracts: ['approveClaim'] }),
      expect.objectContaining({ where: 'integration/sample.test.ts:2', contracts: ['getCommunity'] }),
      expect.objectContaining({ where: 'integration/sample.test.ts:3', contracts: ['listMyClaims'] }),
      expect.objectContaining({ where: 'integration/sample.test.ts:4', contracts: ['exportFundCsv'] }),
    ]);
  });

  it('has no request by method and path string that a contract declares in tests/integration, e2e and support', () => {
    const found = FOLDERS.flatMap(sourceFiles).flatMap((file) => stringRequests(file, readFileSync(file, 'utf8')));

    expect(
      found.map(({ where, request, contracts: names }) => `${where} ${request} → send(contracts.${names.join(' | ')})`),
    ).toEqual([]);
  });
});
