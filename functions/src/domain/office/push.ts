import type { UserStore } from '../identity/ports';
import type { OfficeStore, PushOutcome } from './ports';

const MAX_ATTEMPTS = 3;

export interface PushReport {
  sent: number;
  noConsent: number;
  failed: number;
  retried: number;
}

/**
 * Sends the notifications waiting for a WeChat subscribe message. Each costs one of the
 * resident's credits (one per acceptance in wx.requestSubscribeMessage); without one it is
 * kept in the in-app inbox only. A push is claimed before sending, so it goes at most once.
 */
export async function sendPendingPushes(
  dependencies: {
    office: OfficeStore;
    users: UserStore;
    send: (message: {
      openid: string;
      kind: string;
      title: string;
      body: string;
      createdAt: string;
    }) => Promise<PushOutcome>;
  },
  limit = 100,
): Promise<PushReport> {
  const report: PushReport = { sent: 0, noConsent: 0, failed: 0, retried: 0 };
  for (const push of await dependencies.office.pendingPushes(limit)) {
    if (!(await dependencies.office.claimPush(push.key))) continue;
    const user = await dependencies.users.getUser(push.userId);
    if (!user?.openid || !(await dependencies.office.useCredit(push.userId, push.kind))) {
      await dependencies.office.finishPush(push, 'no_consent');
      report.noConsent += 1;
      continue;
    }
    let outcome: PushOutcome;
    try {
      outcome = await dependencies.send({ openid: user.openid, ...push, kind: push.kind });
    } catch {
      outcome = 'failed';
    }
    if (outcome === 'failed') {
      await dependencies.office.useCredit(push.userId, push.kind, 1);
      const retry = push.attempts + 1 < MAX_ATTEMPTS;
      await dependencies.office.finishPush(push, retry ? 'retry' : 'failed');
      if (retry) report.retried += 1;
      else report.failed += 1;
      continue;
    }
    await dependencies.office.finishPush(push, outcome);
    if (outcome === 'sent') report.sent += 1;
    else report.noConsent += 1;
  }
  return report;
}
