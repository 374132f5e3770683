/**
 * A Babel plugin for the shared contracts package as the browsers get it (babel.config.js, H5 only;
 * issue 21): the app sends requests by a route's method and path; the API validates params, body and
 * query. So in `shared/src/contracts.ts` the `params` and `body` schemas are left out of each
 * `route({ … })` and a `query` schema becomes `null` — "declared, checked by the API": the client's own
 * check of a query (api/client.ts `checkQuery`, kept for the mini-program and the tests) then stands
 * aside, and the browsers' first screen loads no zod at all. Every
 * call made while a module of `shared/src` initialises a constant is marked `#__PURE__`: the minifier then
 * drops the schemas no route of the browser's bundle holds any more. Only calls in a top-level
 * `const`/`let` are marked, never one inside a function or a statement of its own.
 */
const SERVER_ONLY_FIELDS = new Set(['params', 'body']);

module.exports = function browserContracts({ types }) {
  const markPure = (path) => {
    if (path.getFunctionParent()) return;
    const statement = path.getStatementParent();
    const declaration = statement?.isExportNamedDeclaration() ? statement.get('declaration') : statement;
    if (!declaration || !declaration.isVariableDeclaration()) return;
    const comments = path.node.leadingComments ?? [];
    if (comments.some((comment) => /[@#]__PURE__/.test(comment.value))) return;
    path.addComment('leading', '#__PURE__');
  };
  return {
    name: 'linli-browser-contracts',
    visitor: {
      CallExpression(path, state) {
        const filename = (state.filename ?? '').replace(/\\/g, '/');
        if (filename.endsWith('/shared/src/contracts.ts') && path.get('callee').isIdentifier({ name: 'route' })) {
          const [spec] = path.get('arguments');
          if (spec?.isObjectExpression()) {
            for (const property of spec.get('properties')) {
              if (!property.isObjectProperty()) continue;
              if (SERVER_ONLY_FIELDS.has(property.node.key.name)) property.remove();
              else if (property.node.key.name === 'query') property.get('value').replaceWith(types.nullLiteral());
            }
          }
        }
        markPure(path);
      },
      NewExpression: markPure,
    },
  };
};
