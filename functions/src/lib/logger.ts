import { Logger } from '@aws-lambda-powertools/logger';

/** Keys whose value is never logged, whatever it holds (matched case-insensitively, anywhere in the key). */
const SECRET_KEYS = /authorization|token|secret|password|private.?key|apiv3|cookie|session.?key|id.?(card|number)/i;

/**
 * A mainland resident identity card number (GB 11643-1999: 17 digits and a check digit or X),
 * wherever it appears in a logged string — a free-text field can hold one. Digits around it
 * mean a longer number (an order number, a timestamp), not an ID.
 */
const ID_NUMBER = /(?<!\d)\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?!\d)/g;
/** A bearer token or JWT inside a string (an error message quoting a header, say). */
const BEARER = /\b(?:Bearer\s+)?eyJ[\w-]+\.[\w-]+\.[\w-]+/g;

/**
 * Linli's log redaction, applied to every value the logger serialises (Powertools
 * `jsonReplacerFn`): secrets by key, ID numbers and tokens inside any string. Logs go to
 * CloudWatch, readable by every operator: they must never hold what would let one act as a
 * resident or identify them (PIPL art. 51: access control of personal information).
 */
export function redact(key: string, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return value;
  if (key && SECRET_KEYS.test(key)) return '[redacted]';
  if (typeof value === 'string') return value.replace(BEARER, '[redacted token]').replace(ID_NUMBER, '[redacted id]');
  return value;
}

/**
 * One structured JSON logger for every function (Powertools): each line of a request carries its
 * `requestId`, `route` and `communityId` (http/route.ts), each line of a job its `job`.
 */
export const logger = new Logger({ serviceName: 'linli', jsonReplacerFn: redact });
