import { logger } from '../lib/logger';
import { sourceMappedError } from '../lib/stack-trace';

/** The scheduled jobs, by name — each a module under `jobs/` with its own `handler`, loaded when it runs. */
export const jobs = {
  closeOpenAttendances: () => import('./close-open-attendances'),
  expireUnpaidOrders: () => import('./expire-unpaid-orders'),
  createPledgeDonations: () => import('./create-pledge-donations'),
  expirePoints: () => import('./expire-points'),
  sendSubscribeMessages: () => import('./send-subscribe-messages'),
  sendActivityReminders: () => import('./send-activity-reminders'),
  retryShippingUploads: () => import('./retry-shipping-uploads'),
  holdOverdueImageChecks: () => import('./hold-overdue-image-checks'),
  reconcile: () => import('./reconcile'),
  applyRetention: () => import('./apply-retention'),
  numberMembers: () => import('./number-members'),
};

export type JobName = keyof typeof jobs;

/** What a schedule sends (`infra/functions.ts`): the job's name, and for tests and replays the clock. */
export interface JobEvent {
  job: JobName;
  now?: string;
}

const isJobName = (name: unknown): name is JobName => typeof name === 'string' && Object.hasOwn(jobs, name);

/**
 * The scheduled jobs' Lambda function (issue 14): EventBridge schedules invoke it with `{ job }`
 * and it runs that job. An unknown job — or a job that throws — fails the invocation, so Lambda's
 * retries, the on-failure queue and the jobs' error alarm hear of it.
 */
export async function handler(event: JobEvent): Promise<unknown> {
  if (!isJobName(event?.job)) throw new Error(`Unknown job ${JSON.stringify(event?.job)}`);
  const job = await jobs[event.job]();
  logger.appendKeys({ job: event.job });
  try {
    return await job.handler({ now: event.now });
  } catch (error) {
    logger.error('job failed', { error: sourceMappedError(error) });
    throw error;
  } finally {
    logger.removeKeys(['job']);
  }
}
