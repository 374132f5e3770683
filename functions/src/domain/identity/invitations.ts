import { randomBytes } from 'node:crypto';
import type { AcceptInvitationResponse, CreateInvitationRequest, Invitation, MemberView, Role } from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { getCommunityOrThrow, toMemberView } from './communities';
import { refuseOwnInterest } from './conflicts';
import type { CommunityStore, InvitationStore, MemberRecord, MiniProgramCodes } from './ports';

/** An invitation stays open a week unless its creator says otherwise; never more than 90 days. */
const DEFAULT_DAYS = 7;
const MAX_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;
/** The mini-program page that accepts an invitation (its `scene` is the code on weapp). */
export const INVITATION_PAGE = 'pages/invite/index';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** 20 characters of 56 (≈ 116 bits): unguessable, and short enough for a QR scene (≤ 32). */
function newInvitationCode(): string {
  let code = '';
  for (const byte of randomBytes(20)) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  return code;
}

export function invitationLink(code: string): Invitation['link'] {
  return { page: INVITATION_PAGE, scene: code, h5Path: `/${INVITATION_PAGE}?code=${code}` };
}

/**
 * An invitation to join `communityId` with `roles`: admins may invite to any roles; staff to
 * `resident` only (403 `invitation.roles_not_allowed`). At most `maxUses` people (default 1) may
 * accept it, until `expiresAt` (default in 7 days, at most 90; 400 `invitation.expiry_invalid`).
 * Audited as `invitation.create`.
 */
export async function createInvitation(
  input: { communityId: string; inviter: MemberRecord; request: CreateInvitationRequest; now?: Date },
  dependencies: { communities: CommunityStore; invitations: InvitationStore },
): Promise<Invitation> {
  const now = input.now ?? new Date();
  const { request, inviter } = input;
  const mayInviteTo: Role[] = inviter.roles.includes('admin')
    ? ['resident', 'maker', 'merchant', 'staff', 'admin']
    : ['resident'];
  const refused = request.roles.filter((role) => !mayInviteTo.includes(role));
  if (refused.length > 0) {
    throw new AppError('invitation.roles_not_allowed', 'Staff may invite residents only; an admin invites staff', {
      roles: refused,
    });
  }
  const expiresAt = request.expiresAt ? new Date(request.expiresAt) : new Date(now.getTime() + DEFAULT_DAYS * DAY_MS);
  if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > now.getTime() + MAX_DAYS * DAY_MS) {
    throw new AppError('invitation.expiry_invalid', `An invitation expires between now and ${MAX_DAYS} days from now`);
  }
  await getCommunityOrThrow(dependencies.communities, input.communityId);
  const code = newInvitationCode();
  const invitation: Invitation = {
    code,
    communityId: input.communityId,
    roles: request.roles.includes('resident') ? request.roles : ['resident', ...request.roles],
    maxUses: request.maxUses ?? 1,
    uses: 0,
    expiresAt: expiresAt.toISOString(),
    createdBy: inviter.userId,
    createdAt: now.toISOString(),
    link: invitationLink(code),
  };
  const { link: _link, ...stored } = invitation;
  // The audit log names the invitation without giving away a usable code.
  const named = `${code.slice(0, 4)}…`;
  await dependencies.invitations.createInvitation(stored, {
    audit: {
      communityId: input.communityId,
      action: 'invitation.create',
      objectType: 'invitation',
      objectId: named,
      after: { ...stored, code: named },
    },
  });
  return invitation;
}

const gone = () => new AppError('invitation.expired', 'This invitation has expired or has been used up');

/**
 * The invitation `code` of `communityId` as a mini-program code (小程序码): WeChat's
 * getUnlimitedQRCode for the invite page ({@link INVITATION_PAGE}) with the code as its `scene` —
 * 20 letters and digits, within WeChat's 32 characters of `0-9a-zA-Z…`. Scanning it in WeChat opens
 * the mini-program there, the code in `options.scene`. The caller's right to see the community's
 * invitations (its office staff) is checked by the route. 404 `invitation.not_found` for a code
 * that never existed or belongs to another community; 410 `invitation.expired` once it is used up
 * or expired, as accepting it would be; WeChat's failures as {@link MiniProgramCodes} says.
 */
export async function invitationMiniProgramCode(
  input: { communityId: string; code: string; now?: Date },
  dependencies: { invitations: InvitationStore; codes: MiniProgramCodes },
): Promise<{ bytes: Uint8Array; contentType: string }> {
  const now = input.now ?? new Date();
  const invitation = await dependencies.invitations.getInvitation(input.code);
  if (!invitation || invitation.communityId !== input.communityId) throw notFound('invitation');
  if (Date.parse(invitation.expiresAt) <= now.getTime() || invitation.uses >= invitation.maxUses) throw gone();
  const link = invitationLink(invitation.code);
  return dependencies.codes.unlimited({ scene: link.scene, page: link.page });
}

/**
 * Joins the invitation's community with its roles (added to the caller's roles when they are a
 * member already). One use is taken in the same transaction as the membership, on the condition
 * that one is left and the invitation has not expired: of two people racing for the last use,
 * one joins and the other gets 410 `invitation.expired`. A member who already holds every role
 * gets 200 without using it up. 404 `invitation.not_found` for a code that never existed.
 */
export async function acceptInvitation(
  input: { code: string; userId: string; displayName: string; now?: Date },
  dependencies: { communities: CommunityStore; invitations: InvitationStore },
): Promise<AcceptInvitationResponse> {
  const now = input.now ?? new Date();
  const invitation = await dependencies.invitations.getInvitation(input.code);
  if (!invitation) throw notFound('invitation');
  if (Date.parse(invitation.expiresAt) <= now.getTime() || invitation.uses >= invitation.maxUses) throw gone();
  // Nobody changes their own roles (as setting roles refuses): not through their own invitation either.
  refuseOwnInterest(input.userId, [invitation.createdBy], 'Someone else must accept an invitation you made');
  const current = await dependencies.communities.getMember(invitation.communityId, input.userId);
  const roles = [...new Set([...(current?.roles ?? []), ...invitation.roles])];
  const answer = (member: MemberRecord): AcceptInvitationResponse => ({
    communityId: invitation.communityId,
    member: toMemberView(member) as MemberView,
  });
  if (current && roles.length === current.roles.length) return answer(current);
  const member: MemberRecord = current
    ? { ...current, roles }
    : {
        communityId: invitation.communityId,
        userId: input.userId,
        roles,
        displayName: input.displayName,
        joinedAt: now.toISOString(),
      };
  const outcome = await dependencies.invitations.acceptInvitation(
    { code: invitation.code, nowIso: now.toISOString() },
    { member, previousRoles: current?.roles ?? null },
    {
      audit: {
        communityId: invitation.communityId,
        action: 'invitation.accept',
        objectType: 'member',
        objectId: input.userId,
        before: current,
        after: member,
      },
    },
  );
  if (outcome === 'gone') throw gone();
  if (outcome === 'member_changed') {
    throw new AppError('member.conflict', 'Your membership changed meanwhile; please try again');
  }
  return answer(outcome.accepted);
}
