import { AppError } from '../../lib/errors';

/**
 * Content security (WeChat's platform rules for text others will read): every such text goes
 * through WeChat's `msgSecCheck` (v2) before it is stored as visible. A `risky` verdict refuses the
 * write (422 `content.rejected`); `review` — and WeChat unreachable — hold it hidden for the office's
 * review queue (`under_review`) rather than publish it unchecked. On the dev stage the local stand-in
 * decides: `LINLI-RISKY` → risky, `LINLI-REVIEW` → review (shared/API.md "Content security").
 */

/** msgSecCheck's scenes: 1 profile (nicknames, names), 2 comment, 3 forum (posts, listings), 4 social log. */
export type ContentScene = 'profile' | 'comment' | 'forum' | 'social';

export type ContentVerdict = 'pass' | 'review' | 'risky';

/** The port: one text of one author (the user whose openid WeChat asks for) in a scene. */
export interface TextChecker {
  /** `unavailable` when WeChat cannot be reached or refuses to answer (never thrown). */
  check(input: { userId: string; scene: ContentScene; text: string }): Promise<ContentVerdict | 'unavailable'>;
}

/**
 * Screens the texts of one write (empty ones skipped): throws 422 `content.rejected` when any is
 * risky (nothing is written); `hold` when any needs review or WeChat could not answer (store it
 * hidden, `under_review`); `pass` otherwise.
 */
export async function screenTexts(
  checker: TextChecker,
  input: { userId: string; scene: ContentScene; texts: (string | undefined)[] },
): Promise<'pass' | 'hold'> {
  const texts = input.texts.map((text) => text?.trim()).filter((text): text is string => Boolean(text));
  const verdicts = await Promise.all(
    texts.map((text) => checker.check({ userId: input.userId, scene: input.scene, text })),
  );
  if (verdicts.includes('risky'))
    throw new AppError(
      'content.rejected',
      'This text cannot be published: it breaks the platform’s content rules. Please change it and try again',
    );
  return verdicts.every((verdict) => verdict === 'pass') ? 'pass' : 'hold';
}

/**
 * Screens texts that show at once (no hidden state to hold them in): risky refuses (422
 * `content.rejected`); to review — or WeChat unreachable — refuses too (422 `content.under_review`)
 * unless the author is the community office itself (`officeAuthor`: staff, who are the reviewers a
 * held text would wait for), whose text then stands as their own reviewed decision.
 */
export async function screenStrictly(
  checker: TextChecker,
  input: { userId: string; scene: ContentScene; texts: (string | undefined)[]; officeAuthor?: boolean },
): Promise<void> {
  if ((await screenTexts(checker, input)) === 'hold' && !input.officeAuthor)
    throw new AppError(
      'content.under_review',
      'This text needs a check before it can be shown; please try a different wording or try again later',
    );
}
