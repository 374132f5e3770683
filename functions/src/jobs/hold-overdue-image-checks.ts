import { holdOverdueChecks } from '../domain/media/images';
import { logger } from '../lib/logger';
import { stores } from '../wiring';

/**
 * Scheduled (infra/functions.ts, every 5 minutes): photos whose WeChat image-check verdict has not
 * arrived within the hour go to the office's review queue — never shown unchecked, never forgotten.
 */
export async function handler(input: { now?: string } = {}): Promise<{ held: number }> {
  const result = await holdOverdueChecks({ now: input.now ? new Date(input.now) : undefined }, stores.images());
  if (result.held > 0) logger.warn('image checks overdue: held for the office', result);
  return result;
}
