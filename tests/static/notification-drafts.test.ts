import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { NOTIFICATION_KINDS } from '@linli/shared';

/**
 * Every notification the backend writes carries its message (issue 21: inbox texts in the reader's
 * language), and its stored Chinese title and body are built from that message — never written by
 * hand beside it, where they could drift from what the app shows. `NotificationDraft.message` being
 * required makes the compiler refuse a draft without one; this reads the source for the rest: each
 * object literal of a draft (one with a `userId` and a notification `kind`) in functions/src gets its
 * text by spreading `notificationText(…)` (or a parameter a helper was handed it in) and has no
 * `title`, `body` or `message` of its own.
 */
const FUNCTIONS = path.resolve(__dirname, '../../functions/src');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

interface Draft {
  where: string;
  /** Properties written in the literal itself. */
  own: string[];
  /** The spread expressions, as written. */
  spreads: string[];
}

const KIND_LITERAL = new RegExp(`'(${NOTIFICATION_KINDS.join('|')})'`);

/** The object literals of notification drafts in one file. */
function draftsIn(file: string): Draft[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const drafts: Draft[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const named = (name: string) =>
        node.properties.find((property) => property.name?.getText(source) === name) as
          ts.PropertyAssignment | undefined;
      const kind = named('kind');
      if (named('userId') && kind && ts.isPropertyAssignment(kind) && KIND_LITERAL.test(kind.initializer.getText())) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        drafts.push({
          where: `${path.relative(FUNCTIONS, file)}:${line + 1}`,
          own: node.properties.flatMap((property) => (property.name ? [property.name.getText(source)] : [])),
          spreads: node.properties.filter(ts.isSpreadAssignment).map((spread) => spread.expression.getText(source)),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return drafts;
}

const DRAFTS = sourceFiles(FUNCTIONS).flatMap(draftsIn);

describe('notification drafts in functions/src', () => {
  it('are found (every area that notifies)', () => {
    expect(DRAFTS.length).toBeGreaterThanOrEqual(30);
    const areas = new Set(DRAFTS.map((draft) => draft.where.split('/')[1]));

    expect([...areas].sort()).toEqual(['fund', 'ledger', 'market', 'office', 'shop', 'timebank']);
  });

  it('take their text from a message, never a title or body written by hand', () => {
    const handWritten = DRAFTS.filter((draft) => ['title', 'body', 'message'].some((name) => draft.own.includes(name)));

    expect(handWritten).toEqual([]);
  });

  it('spread notificationText(…) (or the text a helper was given)', () => {
    const withoutText = DRAFTS.filter(
      (draft) => !draft.spreads.some((spread) => spread.includes('notificationText(') || /^\w+$/.test(spread)),
    );

    expect(withoutText).toEqual([]);
  });
});
