import {
  notificationText,
  TIMEBANK_MESSAGES,
  type CertificateRequestBody,
  type CorrectionRequest,
  type DecideRecordRequestBody,
  type RecordRequest,
} from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import type { MemberRecord } from '../identity/ports';
import type { ClaimStore } from './ports';
import type { RecordRequestStore } from './record-ports';

/**
 * A volunteer's right to query and correct their record (志愿服务记录与证明出具办法（试行）, 2020):
 * a member asks for a correction of an entry or a missing one, or for a certificate; staff accept
 * (saying what the office did — an office entry or an adjustment, each approved by a second staff
 * member as always) or reject with a reason. Both sides are told; everything is audited.
 */

/** Open requests a member may have at once: the office's queue is not a chat. */
export const MAX_OPEN_REQUESTS = 5;

const tooMany = () =>
  new AppError(
    'record_request.too_many',
    `You have ${MAX_OPEN_REQUESTS} requests waiting for the office; wait for an answer before asking again`,
  );

async function assertRoomForAnother(requests: RecordRequestStore, communityId: string, memberId: string) {
  const open = (await requests.listMemberRequests(communityId, memberId)).filter((r) => r.status === 'open');
  if (open.length >= MAX_OPEN_REQUESTS) throw tooMany();
}

/**
 * A correction request: of the member's own claim (`claimId`, any status — a wrongly rejected one
 * too; 404 `record_request.claim_unknown` for another's or none), or of a service missing from the
 * record (no `claimId`). 409 `record_request.too_many` with 5 open already.
 */
export async function requestCorrection(
  input: { member: MemberRecord; body: CorrectionRequest; id: string; now: Date },
  dependencies: { requests: RecordRequestStore; claims: Pick<ClaimStore, 'getClaim'> },
): Promise<RecordRequest> {
  const { member, body } = input;
  let activityTitle: string | undefined;
  if (body.claimId) {
    const claim = await dependencies.claims.getClaim(member.communityId, body.claimId);
    if (!claim || claim.memberId !== member.userId) throw notFound('claim', 'record_request.claim_unknown');
    activityTitle = claim.activityTitle;
  }
  await assertRoomForAnother(dependencies.requests, member.communityId, member.userId);
  const request: RecordRequest = {
    id: input.id,
    communityId: member.communityId,
    kind: 'correction',
    memberId: member.userId,
    memberName: member.displayName,
    ...(body.claimId ? { claimId: body.claimId, activityTitle } : {}),
    description: body.description,
    status: 'open',
    createdAt: input.now.toISOString(),
  };
  if ((await dependencies.requests.createRequest(request, createdEffects(request), MAX_OPEN_REQUESTS)) === 'too_many')
    throw tooMany();
  return request;
}

/** A member asks for a certificate of a period (the whole record by default). */
export async function requestCertificate(
  input: { member: MemberRecord; body: CertificateRequestBody; id: string; now: Date },
  requests: RecordRequestStore,
): Promise<RecordRequest> {
  const { member, body } = input;
  if (body.from && body.to && body.from > body.to)
    throw new AppError('service_certificate.period_invalid', '`from` must not be after `to`');
  await assertRoomForAnother(requests, member.communityId, member.userId);
  const request: RecordRequest = {
    id: input.id,
    communityId: member.communityId,
    kind: 'certificate',
    memberId: member.userId,
    memberName: member.displayName,
    ...(body.from ? { from: body.from } : {}),
    ...(body.to ? { to: body.to } : {}),
    status: 'open',
    createdAt: input.now.toISOString(),
  };
  if ((await requests.createRequest(request, createdEffects(request), MAX_OPEN_REQUESTS)) === 'too_many')
    throw tooMany();
  return request;
}

function createdEffects(request: RecordRequest) {
  return {
    audit: {
      communityId: request.communityId,
      action: 'record_request.create' as const,
      objectType: 'record_request',
      objectId: request.id,
      after: { kind: request.kind, claimId: request.claimId, from: request.from, to: request.to },
    },
  };
}

const DECISION_MESSAGE = {
  correction: { accepted: 'record_request.correction_accepted', rejected: 'record_request.correction_rejected' },
  certificate: { accepted: 'record_request.certificate_accepted', rejected: 'record_request.certificate_rejected' },
} as const;

/** The decided request's effects: the audit entry and the member's notice. */
export function decisionEffects(decided: RecordRequest, actorId: string) {
  const key = DECISION_MESSAGE[decided.kind][decided.status === 'rejected' ? 'rejected' : 'accepted'];
  return {
    audit: {
      communityId: decided.communityId,
      action: 'record_request.decide' as const,
      objectType: 'record_request',
      objectId: decided.id,
      before: { status: 'open' },
      after: { status: decided.status, reason: decided.reason, serialNumber: decided.serialNumber },
      actorId,
    },
    notify: [
      {
        userId: decided.memberId,
        communityId: decided.communityId,
        kind: 'service_record' as const,
        ...notificationText(TIMEBANK_MESSAGES, { key, values: { reason: decided.reason ?? '' } }),
        objectType: 'record_request',
        objectId: decided.id,
      },
    ],
  };
}

/**
 * Staff decide an open request (a certificate request is accepted only by issuing it: 409
 * `record_request.issue_to_accept`). 404 `record_request.not_found`; 409 `record_request.already_decided`
 * (a second staff member deciding the same request at once: one wins). Staff may not decide their
 * own request (403 `auth.conflict_of_interest`).
 */
export async function decideRequest(
  input: { communityId: string; requestId: string; body: DecideRecordRequestBody; actorId: string; now: Date },
  requests: RecordRequestStore,
): Promise<RecordRequest> {
  const request = await requests.getRequest(input.communityId, input.requestId);
  if (!request) throw notFound('record_request');
  if (request.memberId === input.actorId)
    throw new AppError('auth.conflict_of_interest', 'Another staff member must decide your own request');
  if (request.status !== 'open') throw alreadyDecided();
  if (request.kind === 'certificate' && input.body.decision === 'accepted')
    throw new AppError(
      'record_request.issue_to_accept',
      'A certificate request is accepted by issuing the certificate (POST …/service-certificates with requestId)',
    );
  const decided: RecordRequest = {
    ...request,
    status: input.body.decision,
    reason: input.body.reason,
    decidedBy: input.actorId,
    decidedAt: input.now.toISOString(),
  };
  if (!(await requests.decideRequest(decided, decisionEffects(decided, input.actorId)))) throw alreadyDecided();
  return decided;
}

export const alreadyDecided = () =>
  new AppError('record_request.already_decided', 'This request has already been answered');
