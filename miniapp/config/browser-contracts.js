/**
 * A Babel plugin for the shared contracts package as the browsers get it (babel.config.js, H5 only;
 * issue 21): the app sends requests by a route's method and path and checks a query against its schema
 * (api/client.ts), but never validates a path's params or a body — the API does. So in
 * `shared/src/contracts.ts` the `params` and `body` schemas are left out of each `route({ … })`, and every
 * call made while a module of `shared/src` initialises a constant is marked `#__PURE__`: the minifier then
 * drops the schemas no route of the browser's bundle holds any more. Only calls in a top-level
 * `const`/`let` are marked, never one inside a function or a statement of its own.
 */
const SERVER_ONLY_FIELDS = new Set(['params', 'body']);

module.exports = function browserContracts() {
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
              if (property.isObjectProperty() && SERVER_ONLY_FIELDS.has(property.node.key.name)) property.remove();
            }
          }
        }
        markPure(path);
      },
      NewExpression: markPure,
    },
  };
};
