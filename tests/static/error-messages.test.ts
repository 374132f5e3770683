import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { STATUS_BY_CODE } from '../../functions/src/lib/errors';
import { zhCN } from '../../miniapp/src/i18n/messages';
import { en } from '../../miniapp/src/i18n/english';

/**
 * Every error code the API can return has its own message in Chinese and in English (issue 21: a
 * resident approving their own entry saw only 你没有权限做这件事 for `claim.own_claim`). The codes are
 * read off the backend's source: the status table of `functions/src/lib/errors.ts`, every
 * `new AppError('<code>', …)` and every `notFound('<what>'[, '<code>'])` (→ `<what>.not_found`).
 * A code made at run time (a template) is not seen here; there are none that reach a person.
 */
const FUNCTIONS = path.resolve(__dirname, '../../functions/src');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The literal codes of `new AppError(…)` and `notFound(…)` calls in one file. */
function codesIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && node.expression.getText() === 'AppError') {
      const code = literal(node.arguments?.[0]);
      if (code) found.push(code);
    }
    if (ts.isCallExpression(node) && node.expression.getText() === 'notFound') {
      const what = literal(node.arguments[0]);
      const code = literal(node.arguments[1]) ?? (what ? `${what}.not_found` : undefined);
      if (code) found.push(code);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Codes are `area.reason`; a bare `area` in the status table is the status of its whole prefix, no code. */
const CODES = [...new Set([...Object.keys(STATUS_BY_CODE), ...sourceFiles(FUNCTIONS).flatMap((file) => codesIn(file))])]
  .filter((code) => code.includes('.'))
  .sort();

describe('error messages', () => {
  it('finds the codes (the status table and the throws)', () => {
    expect(CODES.length).toBeGreaterThan(150);
    expect(CODES).toEqual(expect.arrayContaining(['claim.own_claim', 'auth.account_closed', 'member.not_found']));
  });

  it('give every code the API can return its own message in Chinese and English', () => {
    const missing = CODES.filter(
      (code) =>
        !Object.prototype.hasOwnProperty.call(zhCN, `error.${code}`) ||
        !Object.prototype.hasOwnProperty.call(en, `error.${code}`),
    );
    expect(missing).toEqual([]);
  });
});
