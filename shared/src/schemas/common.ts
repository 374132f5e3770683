import * as z from 'zod/mini';

/** Opaque ids the server generates (time-sortable, URL-safe). */
export const EntityId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id'));

/** Community ids are chosen by people (`demo`, `zirui`), so they are short and lower-case. */
export const CommunityId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be 2-40 lower-case letters, digits or dashes'));

/** Text typed by a person: trimmed length limits, no control characters. */
export const humanText = (maxLength: number) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'must not be empty'),
      z.maxLength(maxLength, `must be at most ${maxLength} characters`),
      z.regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
    );

/**
 * A name others read beside a person (rosters, the certificate pass a merchant compares, the 光荣榜):
 * as {@link humanText}, and no invisible format characters (zero-width spaces, word joiners, bidi
 * overrides that show it reversed) — only the zero-width joiner inside an emoji — and something visible.
 */
export const personName = (maxLength: number) =>
  humanText(maxLength).check(
    z.regex(/^(?:\u200D|[^\p{Cf}])*$/u, 'must not contain invisible or direction-changing characters'),
    z.regex(/[\p{L}\p{N}\p{P}\p{S}]/u, 'must contain a visible character'),
  );

export const nonNegativeInt = (max: number) => z.int().check(z.minimum(0), z.maximum(max));
export const positiveInt = (max: number) => z.int().check(z.minimum(1), z.maximum(max));

/** Every error response: `{"error":{"code":"dotted.code","message":"…","details":…}}`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

export const CursorQuery = z.strictObject({ cursor: z.optional(z.string().check(z.maxLength(500))) });
