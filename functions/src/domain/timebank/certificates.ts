import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  monthOf,
  notificationText,
  TIMEBANK_MESSAGES,
  type Certificate,
  type CertificatePass,
  type Community,
} from '@linli/shared';
import { AppError } from '../../lib/errors';
import type { NotificationDraft } from '../effects';
import { refuseOwnInterest } from '../identity/conflicts';
import type { LedgerStore } from '../ledger/ports';
import { memberAccount } from '../ledger/accounts';
import type { CertificateStore } from './ports';

/** The live certificate pass lives this long: a screenshot is useless a minute later. */
export const PASS_TTL_SECONDS = 60;
const PASS_VERSION = 'lp1';

/**
 * Issues the certificate once lifetime earned points reach the community's threshold (and
 * brings one under review back to active when they reach it again). Both writes carry the
 * condition that the points still reach it, so a reversal in between cannot be overtaken.
 */
export async function issueCertificateIfEligible(
  input: { community: Community; memberId: string; now?: Date },
  dependencies: { ledger: LedgerStore; certificates: CertificateStore },
): Promise<boolean> {
  const { community, memberId } = input;
  const threshold = community.rules.certificateThresholdPoints;
  const account = await dependencies.ledger.getAccount(community.id, memberAccount(memberId));
  if (account.earnedPoints < threshold) return false;
  const now = input.now ?? new Date();
  const notify = (text: Pick<NotificationDraft, 'message' | 'title' | 'body'>) => [
    {
      userId: memberId,
      communityId: community.id,
      kind: 'certificate_issued' as const,
      ...text,
      objectType: 'certificate',
      objectId: memberId,
    },
  ];
  const current = await dependencies.certificates.getCertificate(community.id, memberId);
  if (current?.status === 'review') {
    return dependencies.certificates.restoreCertificate(community.id, memberId, now.toISOString(), threshold, {
      gauges: { communityId: community.id, add: { activeCertificates: 1 } },
      notify: notify(notificationText(TIMEBANK_MESSAGES, { key: 'certificate.restored', values: {} })),
    });
  }
  if (current) return false;
  return dependencies.certificates.issueCertificate(community.id, memberId, now.toISOString(), threshold, {
    stats: [{ communityId: community.id, month: monthOf(now), section: 'CERTS', add: { certificatesIssued: 1 } }],
    gauges: { communityId: community.id, add: { activeCertificates: 1 } },
    notify: notify(
      notificationText(TIMEBANK_MESSAGES, { key: 'certificate.issued', values: { community: community.name } }),
    ),
  });
}

/** Which status a staff decision may move a certificate from: revoke an active or reviewed one; reinstate (confirm) a revoked or reviewed one. */
const ALLOWED_FROM: Record<'revoked' | 'active', Certificate['status'][]> = {
  revoked: ['active', 'review'],
  active: ['revoked', 'review'],
};

/**
 * Staff revoke (reason required) or reinstate a certificate. Reinstating one under review is
 * staff confirming it although the holder's earned points are below the threshold. Nobody
 * reinstates their own (403 `auth.conflict_of_interest`); 404 `certificate.not_found`.
 * Gauge: active certificates change only when the status enters or leaves `active`.
 */
export async function changeCertificateStatus(
  input: {
    communityId: string;
    memberId: string;
    actorId: string;
    to: 'active' | 'revoked';
    reason?: string;
    now?: Date;
  },
  certificates: CertificateStore,
): Promise<Certificate> {
  if (input.to === 'active') {
    refuseOwnInterest(input.actorId, [input.memberId], 'Another staff member must reinstate your own certificate');
  }
  const existing = await certificates.getCertificate(input.communityId, input.memberId);
  if (!existing) throw new AppError('certificate.not_found', 'This member has no certificate');
  const revoking = input.to === 'revoked';
  if (!ALLOWED_FROM[input.to].includes(existing.status)) {
    throw new AppError(
      'certificate.conflict',
      revoking ? 'The certificate is already revoked' : 'The certificate is active already',
    );
  }
  const gaugeChange = (existing.status === 'active' ? -1 : 0) + (input.to === 'active' ? 1 : 0);
  const changed = await certificates.setCertificateStatus(
    input.communityId,
    input.memberId,
    {
      from: existing.status,
      to: input.to,
      by: input.actorId,
      at: (input.now ?? new Date()).toISOString(),
      reason: input.reason,
    },
    {
      audit: {
        communityId: input.communityId,
        action: revoking ? 'certificate.revoke' : 'certificate.reinstate',
        objectType: 'certificate',
        objectId: input.memberId,
        before: existing,
        after: { ...existing, status: input.to, reason: input.reason },
      },
      ...(gaugeChange === 0
        ? {}
        : { gauges: { communityId: input.communityId, add: { activeCertificates: gaugeChange } } }),
      notify: [
        {
          userId: input.memberId,
          communityId: input.communityId,
          kind: revoking ? 'certificate_revoked' : 'certificate_issued',
          ...(revoking
            ? notificationText(TIMEBANK_MESSAGES, {
                key: 'certificate.revoked',
                values: { reason: input.reason ?? '—' },
              })
            : notificationText(TIMEBANK_MESSAGES, { key: 'certificate.reinstated', values: {} })),
          objectType: 'certificate',
          objectId: input.memberId,
        },
      ],
    },
  );
  if (!changed) throw new AppError('certificate.conflict', 'The certificate changed meanwhile; look again');
  return changed;
}

export interface PassClaims {
  cid: string;
  sub: string;
  exp: number;
  nonce: string;
  /** `certificate` for a certified volunteer; `alliance` for an alliance merchant's own staff. */
  kind: 'certificate' | 'alliance';
}

export type PassCheck = { status: 'valid'; claims: PassClaims } | { status: 'expired' | 'forged' };

const passKey = (secret: string) => createHmac('sha256', secret).update('linli-certificate-pass').digest();
const signature = (secret: string, payload: string) =>
  createHmac('sha256', passKey(secret)).update(`${PASS_VERSION}.${payload}`).digest('base64url');

/**
 * A signed, short-lived pass for the member's certificate; the holder's name (and member number, when
 * they have one) is shown beside its QR. Alliance merchants' own staff get one too when the community
 * extends them the discount.
 */
export async function issuePass(
  input: {
    communityId: string;
    memberId: string;
    displayName: string;
    memberNo?: number;
    secret: string;
    allianceStaff?: boolean;
    now?: Date;
  },
  certificates: CertificateStore,
): Promise<CertificatePass> {
  const certificate = await certificates.getCertificate(input.communityId, input.memberId);
  let kind: PassClaims['kind'] = 'certificate';
  if (certificate?.status !== 'active') {
    if (!input.allianceStaff) {
      if (!certificate) throw new AppError('certificate.not_found', 'You do not have a volunteer certificate yet');
      if (certificate.status === 'review') {
        throw new AppError('certificate.under_review', 'Your certificate is being reviewed by the community office');
      }
      throw new AppError('certificate.revoked', 'Your certificate has been revoked');
    }
    kind = 'alliance';
  }
  const exp = Math.floor((input.now ?? new Date()).getTime() / 1000) + PASS_TTL_SECONDS;
  const claims: PassClaims = {
    cid: input.communityId,
    sub: input.memberId,
    exp,
    nonce: randomBytes(6).toString('base64url'),
    kind,
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return {
    token: `${PASS_VERSION}.${payload}.${signature(input.secret, payload)}`,
    expiresAt: new Date(exp * 1000).toISOString(),
    holder: {
      displayName: input.displayName,
      ...(input.memberNo === undefined ? {} : { memberNo: input.memberNo }),
    },
  };
}

/** Checks a pass's signature, then its expiry (the certificate's status is the caller's to check). */
export function checkPass(token: string, secret: string, nowMilliseconds = Date.now()): PassCheck {
  const [version, payload, sent, ...rest] = token.split('.');
  if (version !== PASS_VERSION || !payload || !sent || rest.length > 0) return { status: 'forged' };
  const expected = signature(secret, payload);
  if (sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) {
    return { status: 'forged' };
  }
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PassClaims;
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || typeof claims.cid !== 'string') {
      return { status: 'forged' };
    }
    if (claims.exp * 1000 < nowMilliseconds) return { status: 'expired' };
    return { status: 'valid', claims: { ...claims, kind: claims.kind ?? 'certificate' } };
  } catch {
    return { status: 'forged' };
  }
}

export function readPass(token: string, secret: string, nowMilliseconds = Date.now()): PassClaims | null {
  const checked = checkPass(token, secret, nowMilliseconds);
  return checked.status === 'valid' ? checked.claims : null;
}
