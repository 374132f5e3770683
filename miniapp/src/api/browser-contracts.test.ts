import { transformSync } from '@babel/core';
import { contracts } from '@linli/shared';
import browserContracts = require('../../config/browser-contracts');
import { checkQuery } from './client';

/**
 * The browsers' copy of the shared contracts (config/browser-contracts.js, issue 21): no params or body
 * schema, a declared query as `null`, schema constants marked pure — and the client, meeting such a
 * contract, leaves the query to the API instead of refusing it.
 */
const browserCopy = (source: string, filename = '/repo/shared/src/contracts.ts') =>
  transformSync(source, { filename, plugins: [browserContracts], babelrc: false, configFile: false })?.code ?? '';

describe('the browsers’ contracts', () => {
  it('leave out params and body, turn a declared query into null, and keep the rest of a route', () => {
    const code = browserCopy(
      "const contracts = { a: route({ method: 'GET', path: '/v1/x', access: 'user', params: P, body: B, query: Q, response: returns() }) };",
    );

    expect(code).toContain('query: null');
    expect(code).not.toMatch(/params:|body:/);
    expect(code).toContain("path: '/v1/x'");
    expect(code).toContain('response: /*#__PURE__*/returns()');
  });

  it('mark a schema built for a top-level constant pure (the minifier drops it when nothing holds it)', () => {
    const code = browserCopy(
      'export const Q = z.object({}); function f() { return z.object({}); }',
      '/repo/shared/src/a.ts',
    );

    expect(code).toContain('export const Q = /*#__PURE__*/z.object({})');
    expect(code).toContain('return z.object({})');
  });

  it('leave route() calls outside the contracts module as they are', () => {
    expect(browserCopy('route({ params: P, query: Q });', '/repo/shared/src/other.ts')).toContain('params: P');
  });

  it('are met by a client that sends a query it cannot check to the API, and still checks one it can', () => {
    const asTheBrowsersHaveIt = { ...contracts.listMyClaims, query: null } as unknown as typeof contracts.listMyClaims;

    expect(() => checkQuery(asTheBrowsersHaveIt, { colour: 'red' })).not.toThrow();
    expect(() => checkQuery(contracts.listMyClaims, { colour: 'red' })).toThrow('does not take the query');
  });
});
