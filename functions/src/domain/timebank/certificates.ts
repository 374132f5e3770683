import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { monthOf, type Certificate, type CertificatePass, type Community } from '@linli/shared';
import { AppError } from '../../lib/errors';
import { refuseOwnInterest } from '../identity/conflicts';
import type { LedgerStore } from '../ledger/ports';
import { memberAccount } from '../ledger/accounts';
import type { CertificateStore } from './ports';

/** The live certificate pass lives this long: a screenshot is useless a minute later. */
export const PASS_TTL_SECONDS = 60;
const PASS_VERSION = 'lp1';

/** Issues the certificate once lifetime earned points reach the community's threshold. */
export async function issueCertificateIfEligible(
  input: { community: Community; memberId: string; now?: Date },
  dependencies: { ledger: LedgerStore; certificates: CertificateStore },
): Promise<boolean> {
  const threshold = input.community.rules.certificateThresholdPoints;
  const account = await dependencies.ledger.getAccount(input.community.id, memberAccount(input.memberId));
  if (account.earnedPoints < threshold) return false;
  const now = input.now ?? new Date();
  return dependencies.certificates.issueCertificate(input.community.id, input.memberId, now.toISOString(), {
    stats: [{ communityId: input.community.id, month: monthOf(now), section: 'CERTS', add: { certificatesIssued: 1 } }],
    gauges: { communityId: input.community.id, add: { activeCertificates: 1 } },
    notify: [
      {
        userId: input.memberId,
        communityId: input.community.id,
        kind: 'certificate_issued',
        title: '志愿者证书已发放',
        body: `您已获得${input.community.name}志愿者证书，可在联盟商家享受优惠`,
        objectType: 'certificate',
        objectId: input.memberId,
      },
    ],
  });
}

/**
 * Staff revoke (reason required) or reinstate a member's certificate. Nobody reinstates their own
 * (403 `auth.conflict_of_interest`); 404 `certificate.not_found`, 409 when it is not in the other status.
 */
export async function changeCertificateStatus(
  input: {
    communityId: string;
    memberId: string;
    actorId: string;
    to: Certificate['status'];
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
  const from = input.to === 'revoked' ? 'active' : 'revoked';
  const revoking = input.to === 'revoked';
  const changed = await certificates.setCertificateStatus(
    input.communityId,
    input.memberId,
    { from, to: input.to, by: input.actorId, at: (input.now ?? new Date()).toISOString(), reason: input.reason },
    {
      audit: {
        communityId: input.communityId,
        action: revoking ? 'certificate.revoke' : 'certificate.reinstate',
        objectType: 'certificate',
        objectId: input.memberId,
        before: existing,
        after: { ...existing, status: input.to, reason: input.reason },
      },
      gauges: { communityId: input.communityId, add: { activeCertificates: revoking ? -1 : 1 } },
      notify: [
        {
          userId: input.memberId,
          communityId: input.communityId,
          kind: revoking ? 'certificate_revoked' : 'certificate_issued',
          title: revoking ? '志愿者证书已被收回' : '志愿者证书已恢复',
          body: revoking ? `原因：${input.reason ?? '—'}` : '您的志愿者证书已恢复，可继续在联盟商家使用',
          objectType: 'certificate',
          objectId: input.memberId,
        },
      ],
    },
  );
  if (!changed) {
    throw new AppError(
      'certificate.conflict',
      input.to === 'revoked' ? 'The certificate is already revoked' : 'The certificate is not revoked',
    );
  }
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
 * A signed, short-lived pass for the member's certificate; the holder's name is shown beside
 * its QR. Alliance merchants' own staff get one too when the community extends them the discount.
 */
export async function issuePass(
  input: {
    communityId: string;
    memberId: string;
    displayName: string;
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
    holder: { displayName: input.displayName },
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
