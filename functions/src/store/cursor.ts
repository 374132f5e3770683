import { AppError } from '../lib/errors';

type Key = Record<string, string>;

/** A page cursor is the last evaluated key, opaque to callers (base64url JSON). */
export function encodeCursor(lastEvaluatedKey: Record<string, unknown> | undefined): string | null {
  if (!lastEvaluatedKey) return null;
  return Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64url');
}

/**
 * Decodes a cursor and checks it belongs to the partition being read, so a crafted
 * cursor can never page into someone else's items.
 */
export function decodeCursor(
  cursor: string | undefined,
  expected: { attribute: string; value: string; keyAttributes: string[] },
): Key | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const invalid = new AppError('request.invalid_cursor', 'The page cursor is not valid; start from the first page');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw invalid;
  const entries = Object.entries(decoded as Record<string, unknown>);
  const allowed = new Set(expected.keyAttributes);
  if (
    entries.length !== allowed.size ||
    entries.some(([name, value]) => !allowed.has(name) || typeof value !== 'string')
  ) {
    throw invalid;
  }
  const key = decoded as Key;
  if (key[expected.attribute] !== expected.value) throw invalid;
  return key;
}
