import type { FieldError } from '@linli/shared';
import * as z from 'zod/mini';
// Only the English messages: `z.locales` would bundle every language zod ships (~260 KB). The ESM file:
// the CommonJS one would bring a second copy of zod's core into the bundle (~25 KB).
import english from 'zod/v4/locales/en.js';
import { validationError } from './errors';

z.config(english());

/** Parses with a shared zod schema; a failure is a 400 listing every failing field. */
export function parseWith<T>(schema: z.ZodMiniType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: FieldError[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    code: issue.code,
    message: issue.message,
  }));
  throw validationError(where, fields);
}
