import Module from 'node:module';
import path from 'node:path';

/**
 * Works around a hoisting defect in the root install (legacy-peer-deps): `ajv-keywords@5`
 * sits at the root next to `ajv@6`, but needs its peer `ajv@8`, so `webpack-dev-server`
 * (required by Taro's H5 runner even for a plain build) crashes with
 * "Cannot find module 'ajv/dist/compile/codegen'".
 *
 * When, and only when, the ajv that ajv-keywords@5 would load is older than 8, requests for
 * `ajv` coming from ajv-keywords are resolved from `schema-utils` (which has its own ajv@8).
 * Once the root lockfile nests ajv@8 correctly this does nothing and can be deleted.
 */
export function applyAjvPeerFix(): void {
  const ajvKeywordsDirectory = packageDirectory('ajv-keywords', process.cwd());
  if (!ajvKeywordsDirectory || majorVersion(ajvKeywordsDirectory) < 5) return;
  const ajvSeenByKeywords = packageDirectory('ajv', ajvKeywordsDirectory);
  if (!ajvSeenByKeywords || majorVersion(ajvSeenByKeywords) >= 8) return;
  const schemaUtilsDirectory = packageDirectory('schema-utils', process.cwd());
  const ajv8Directory = schemaUtilsDirectory ? packageDirectory('ajv', schemaUtilsDirectory) : undefined;
  if (!schemaUtilsDirectory || !ajv8Directory || majorVersion(ajv8Directory) < 8) return;

  const moduleInternals = Module as unknown as {
    _resolveFilename: (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;
  };
  const originalResolve = moduleInternals._resolveFilename;
  const keywordsPrefix = ajvKeywordsDirectory + path.sep;
  moduleInternals._resolveFilename = function resolveAjvForKeywords(request, parent, ...rest) {
    const fromKeywords = parent?.filename?.startsWith(keywordsPrefix) ?? false;
    if (fromKeywords && (request === 'ajv' || request.startsWith('ajv/'))) {
      return require.resolve(request, { paths: [schemaUtilsDirectory] });
    }
    return originalResolve.call(this, request, parent, ...rest);
  };
}

function packageDirectory(name: string, from: string): string | undefined {
  try {
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [from] }));
  } catch {
    return undefined;
  }
}

function majorVersion(directory: string): number {
  const { version } = require(path.join(directory, 'package.json')) as { version: string };
  return Number(version.split('.')[0]);
}
