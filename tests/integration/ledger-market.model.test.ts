import { reconcileSource } from '../../functions/src/store/ledger/reconcile-store';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_ACTIVITY_CATEGORIES,
  monthOf,
  pointsForMinutes,
  type Claim,
  type ClaimStatus,
  type Community,
  type Redemption,
} from '@linli/shared';
import fc from 'fast-check';
import type { MemberRecord } from '../../functions/src/domain/identity/ports';
import { giftPoints } from '../../functions/src/domain/ledger/gifts';
import {
  cancelRedemption,
  createGood,
  pickUpRedemption,
  redeem,
  restockGood,
} from '../../functions/src/domain/market/supermarket';
import { reverseTransfer } from '../../functions/src/domain/ledger/reversals';
import { reconcileCommunity } from '../../functions/src/domain/ledger/reconcile';
import { cancelActivity, createActivity } from '../../functions/src/domain/timebank/activities';
import { recordOfficeAttendance } from '../../functions/src/domain/timebank/attendance';
import { changeCertificateStatus } from '../../functions/src/domain/timebank/certificates';
import { approveClaim, rejectClaim } from '../../functions/src/domain/timebank/claims';
import { stores } from '../../functions/src/wiring';
import { keys } from '../../functions/src/store/keys';
import { createCommunity } from '../support/factories';
import { attempt, modelSettings, modelTest, readItems, Tally, type Item } from '../support/model';

/**
 * Model-based test (fast-check `fc.commands`) of the points ledger, the credit supermarket and
 * the time bank against an in-memory model. The real system is the real use cases and stores
 * over DynamoDB Local, called in-process. After every command the members' balances and earned
 * points, the pool, every good's stock, every activity, claim and certificate, the active
 * certificates gauge and the month's time-bank statistics are read back (one BatchGetItem) and
 * compared with the model; a refusal (insufficient funds, sold out, not reserved, wrong pickup
 * code, activity cancelled, minutes outside the window, attendance already recorded, already
 * decided or reversed…) must be exactly the one the model expects.
 *
 * Time-bank commands: create an activity, office entry (the bounds of a check-in), approve,
 * reject, cancel the activity (settles its claims), reverse a claim (admin), confirm (reinstate)
 * or revoke a certificate. Invariants checked on the stored items after every command, besides
 * equality with the model:
 *   T1 approved minutes, visits and distinct volunteers in each month's statistics = those of
 *      the approved, unreversed claims decided that month;
 *   T2 a certificate is active only while its holder's earned points reach the threshold or
 *      staff confirmed it (reinstated);
 *   T3 no claim of a cancelled activity is approved or still pending;
 *   T4 an activity's attendee count = its attendances (one per member), its approved count =
 *      its approved claims; no claim's minutes exceed its activity's window.
 * LINLI_MODEL_STEPS (default 10000) is the number of commands to execute at least;
 * LINLI_MODEL_SEED replays a run (lane i, round r runs with seed SEED + 1000·i + r, as a
 * failure reports); LINLI_MODEL_LANES (default 3) sequences run side by side.
 */
const SETTINGS = modelSettings(10_000);
const MAX_COMMANDS = 100;
const MEMBERS = 3;
const MAX_GOODS = 3;
/** Scheduled activities at a time, and activities in a run (a cancelled one makes room for another). */
const MAX_ACTIVITIES = 3;
const MAX_ACTIVITIES_IN_RUN = 6;
const MAX_CLAIMS = 36;
const RECONCILE_EVERY = 3;
/** Every activity started 2 hours ago and ends in 1, with 15 minutes' grace: at most 210 minutes. */
const ACTIVITY_WINDOW = { startedMinutesAgo: 120, endsInMinutes: 60, graceMinutes: 15 };
const MAX_ENTRY_MINUTES = 120 + 60 + 2 * 15;

type CertificateState = 'none' | 'active' | 'review' | 'revoked';

interface Model {
  balances: number[];
  /** Lifetime earned points (issuance in, reversals out): what the certificate threshold counts. */
  earned: number[];
  pool: number;
  goods: { pricePoints: number; stock: number }[];
  redemptions: { member: number; good: number; quantity: number; points: number; status: Redemption['status'] }[];
  activities: {
    status: 'scheduled' | 'cancelled';
    month: string;
    /** Member → the claim of their attendance. */
    attendance: Map<number, number>;
  }[];
  claims: { member: number; activity: number; minutes: number; points: number; status: ClaimStatus; month?: string }[];
  certificates: CertificateState[];
}

interface Real {
  community: Community;
  members: MemberRecord[];
  staff: MemberRecord;
  /** A second staff member: office entries need a different approver. */
  approver: MemberRecord;
  admin: MemberRecord;
  goodIds: string[];
  redemptions: Redemption[];
  activityIds: string[];
  claimIds: string[];
}

const tally = new Tally();

/**
 * One BatchGetItem: every member's account and certificate, the pool, every good, activity and
 * claim, the gauges and the months' time-bank statistics — compared with the model, then the
 * invariants T1–T4 checked on the stored items themselves.
 */
async function compare(model: Model, real: Real, after: string) {
  const cid = real.community.id;
  const months = [...new Set(model.claims.flatMap((claim) => (claim.month ? [claim.month] : [])))];
  const groups = {
    accounts: real.members.map((member) => keys.account(cid, `member:${member.userId}`)),
    certificates: real.members.map((member) => keys.memberCertificate(cid, member.userId)),
    goods: real.goodIds.map((id) => keys.good(cid, id)),
    activities: real.activityIds.map((id) => keys.activity(cid, id)),
    claims: real.claimIds.map((id) => keys.claim(cid, id)),
    stats: months.map((month) => keys.stats(cid, month, 'TIMEBANK')),
    single: [keys.account(cid, 'community:pool'), keys.gauges(cid)],
  };
  const find = await readItems(Object.values(groups).flat());
  const read = <T>(group: { PK: string; SK: string }[], pick: (item: Item | undefined) => T) =>
    group.map((key) => pick(find(key)));
  const stored = {
    accounts: read(groups.accounts, (item) => [Number(item?.balancePoints ?? 0), Number(item?.earnedPoints ?? 0)]),
    pool: Number(find(groups.single[0]!)?.balancePoints ?? 0),
    stock: read(groups.goods, (item) => Number(item?.stock)),
    certificates: read(groups.certificates, (item) => String(item?.status ?? 'none')),
    activeCertificates: Number(find(groups.single[1]!)?.activeCertificates ?? 0),
    activities: read(groups.activities, (item) => [item?.status, item?.attendeeCount, item?.approvedClaimCount ?? 0]),
    claims: read(groups.claims, (item) => item?.status),
  };
  const expected = {
    accounts: model.balances.map((balance, index) => [balance, model.earned[index]]),
    pool: model.pool,
    stock: model.goods.map((good) => good.stock),
    certificates: model.certificates,
    activeCertificates: model.certificates.filter((state) => state === 'active').length,
    activities: model.activities.map((activity, index) => [
      activity.status,
      activity.attendance.size,
      model.claims.filter((claim) => claim.activity === index && claim.status === 'approved').length,
    ]),
    claims: model.claims.map((claim) => claim.status),
  };
  tally.comparisons += 1;
  if (JSON.stringify(stored) !== JSON.stringify(expected))
    throw new Error(`after ${after}: stored ${JSON.stringify(stored)}, model ${JSON.stringify(expected)}`);
  checkInvariants(real, after, {
    claims: read(groups.claims, (item) => item as unknown as Claim),
    activities: read(groups.activities, (item) => item ?? {}),
    certificates: read(groups.certificates, (item) => item),
    earned: stored.accounts.map(([, earned]) => earned!),
    stats: new Map(months.map((month, index) => [month, find(groups.stats[index]!) ?? {}])),
  });
}

/** T1–T4 on the stored items (independent of the model). */
function checkInvariants(
  real: Real,
  after: string,
  stored: {
    claims: Claim[];
    activities: Item[];
    certificates: (Item | undefined)[];
    earned: number[];
    stats: Map<string, Item>;
  },
) {
  const fail = (what: string) => {
    throw new Error(`after ${after}: invariant ${what}`);
  };
  const approved = stored.claims.filter((claim) => claim.status === 'approved');
  for (const [month, item] of stored.stats) {
    const ofMonth = approved.filter((claim) => monthOf(claim.decidedAt!) === month);
    const figures = [
      Number(item.volunteerMinutes ?? 0),
      Number(item.volunteerVisits ?? 0),
      item.volunteers instanceof Set ? item.volunteers.size : 0,
    ];
    const claimed = [
      ofMonth.reduce((sum, claim) => sum + claim.minutes, 0),
      ofMonth.length,
      new Set(ofMonth.map((claim) => claim.memberId)).size,
    ];
    if (JSON.stringify(figures) !== JSON.stringify(claimed))
      fail(`T1 (${month}): statistics ${JSON.stringify(figures)} ≠ approved claims ${JSON.stringify(claimed)}`);
  }
  stored.certificates.forEach((certificate, index) => {
    const threshold = real.community.rules.certificateThresholdPoints;
    if (certificate?.status === 'active' && stored.earned[index]! < threshold && !certificate.reinstatedBy)
      fail(`T2: m${index}'s certificate is active with ${stored.earned[index]} earned points, unconfirmed`);
  });
  stored.activities.forEach((activity, index) => {
    const ofActivity = stored.claims.filter((claim) => claim.activityId === real.activityIds[index]);
    if (activity.status === 'cancelled' && ofActivity.some((claim) => ['approved', 'pending'].includes(claim.status)))
      fail(`T3: a claim of cancelled activity #${index} is approved or pending`);
    if (ofActivity.some((claim) => claim.minutes > MAX_ENTRY_MINUTES))
      fail(`T4: a claim exceeds activity #${index}'s window`);
    const approvedCount = ofActivity.filter((claim) => claim.status === 'approved').length;
    if (Number(activity.approvedClaimCount ?? 0) !== approvedCount) fail(`T4: activity #${index}'s approved count`);
    const members = new Set(ofActivity.map((claim) => claim.memberId)).size;
    if (Number(activity.attendeeCount) !== members) fail(`T4: activity #${index}'s attendee count`);
  });
}

type Command = fc.AsyncCommand<Model, Real>;

class Grant implements Command {
  constructor(
    readonly member: number,
    readonly points: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    // As approvals do: issuance → member, through the real ledger store.
    await stores.ledger().post({
      communityId: real.community.id,
      transferId: `model-grant:${randomUUID()}`,
      kind: 'adjustment',
      memo: 'model grant',
      postings: [
        {
          source: 'community:issuance',
          destination: `member:${real.members[this.member]!.userId}`,
          amountPoints: this.points,
        },
      ],
      actorId: 'model',
      createdAt: new Date().toISOString(),
    });
    model.balances[this.member]! += this.points;
    model.earned[this.member]! += this.points;
    await compare(model, real, this.toString());
  }
  toString = () => `grant(m${this.member}, ${this.points})`;
}

class Gift implements Command {
  constructor(
    readonly from: number,
    /** MEMBERS = the community pool. */
    readonly to: number,
    readonly points: number,
  ) {}
  check = () => this.from !== this.to;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const toPool = this.to === MEMBERS;
    const refusal = await attempt(() =>
      giftPoints(
        {
          community: real.community,
          giver: real.members[this.from]!,
          request: toPool
            ? { toPool: true, points: this.points }
            : { toMemberId: real.members[this.to]!.userId, points: this.points },
        },
        { ledger: stores.ledger(), communities: stores.communities() },
      ),
    );
    const enough = model.balances[this.from]! >= this.points;
    tally.expect(refusal, enough ? null : 'ledger.insufficient_funds', this.toString());
    if (enough) {
      model.balances[this.from]! -= this.points;
      if (toPool) model.pool += this.points;
      else model.balances[this.to]! += this.points;
    }
    await compare(model, real, this.toString());
  }
  toString = () => `gift(m${this.from} → ${this.to === MEMBERS ? 'pool' : `m${this.to}`}, ${this.points})`;
}

class Redeem implements Command {
  constructor(
    readonly member: number,
    readonly good: number,
    readonly quantity: number,
  ) {}
  check = (model: Readonly<Model>) => model.goods.length > 0;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const index = this.good % model.goods.length;
    const good = model.goods[index]!;
    const points = good.pricePoints * this.quantity;
    let made: Redemption | undefined;
    const refusal = await attempt(async () => {
      made = await redeem(
        {
          communityId: real.community.id,
          member: real.members[this.member]!,
          goodId: real.goodIds[index]!,
          quantity: this.quantity,
        },
        stores.supermarket(),
      );
    });
    const expected =
      good.stock < this.quantity
        ? 'market.sold_out'
        : model.balances[this.member]! < points
          ? 'ledger.insufficient_funds'
          : null;
    tally.expect(refusal, expected, this.toString());
    if (expected === null) {
      good.stock -= this.quantity;
      model.balances[this.member]! -= points;
      model.redemptions.push({ member: this.member, good: index, quantity: this.quantity, points, status: 'reserved' });
      real.redemptions.push(made!);
    }
    await compare(model, real, this.toString());
  }
  toString = () => `redeem(m${this.member}, good ${this.good}, ×${this.quantity})`;
}

class Cancel implements Command {
  constructor(readonly which: number) {}
  check = (model: Readonly<Model>) => model.redemptions.length > 0;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const index = this.which % model.redemptions.length;
    const redemption = model.redemptions[index]!;
    const refusal = await attempt(() =>
      cancelRedemption(
        {
          communityId: real.community.id,
          redemptionId: real.redemptions[index]!.id,
          memberId: real.members[redemption.member]!.userId,
        },
        stores.supermarket(),
      ),
    );
    const reserved = redemption.status === 'reserved';
    tally.expect(refusal, reserved ? null : 'market.not_reserved', this.toString());
    if (reserved) {
      redemption.status = 'cancelled';
      model.balances[redemption.member]! += redemption.points;
      model.goods[redemption.good]!.stock += redemption.quantity;
    }
    await compare(model, real, this.toString());
  }
  toString = () => `cancel(#${this.which})`;
}

class PickUp implements Command {
  constructor(
    readonly which: number,
    readonly rightCode: boolean,
  ) {}
  check = (model: Readonly<Model>) => model.redemptions.length > 0;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const index = this.which % model.redemptions.length;
    const redemption = model.redemptions[index]!;
    const code = real.redemptions[index]!.pickupCode;
    const wrong = code === '000000' ? '111111' : '000000';
    const refusal = await attempt(() =>
      pickUpRedemption(
        {
          communityId: real.community.id,
          redemptionId: real.redemptions[index]!.id,
          pickupCode: this.rightCode ? code : wrong,
          actorId: real.staff.userId,
        },
        stores.supermarket(),
      ),
    );
    const expected =
      redemption.status !== 'reserved' ? 'market.not_reserved' : this.rightCode ? null : 'market.wrong_pickup_code';
    tally.expect(refusal, expected, this.toString());
    if (expected === null) redemption.status = 'picked_up';
    await compare(model, real, this.toString());
  }
  toString = () => `pickup(#${this.which}, ${this.rightCode ? 'right' : 'wrong'} code)`;
}

class Restock implements Command {
  constructor(
    readonly good: number,
    readonly quantity: number,
  ) {}
  check = (model: Readonly<Model>) => model.goods.length > 0;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const index = this.good % model.goods.length;
    const good = await restockGood(
      { communityId: real.community.id, goodId: real.goodIds[index]!, quantity: this.quantity },
      stores.supermarket(),
    );
    model.goods[index]!.stock += this.quantity;
    if (good.stock !== model.goods[index]!.stock) throw new Error(`${this.toString()}: replied stock ${good.stock}`);
    await compare(model, real, this.toString());
  }
  toString = () => `restock(good ${this.good}, +${this.quantity})`;
}

class CreateGood implements Command {
  constructor(
    readonly pricePoints: number,
    readonly stock: number,
  ) {}
  check = (model: Readonly<Model>) => model.goods.length < MAX_GOODS;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const good = await createGood(
      {
        communityId: real.community.id,
        request: { name: `好物 ${this.pricePoints}`, pricePoints: this.pricePoints, stock: this.stock, valueFen: 300 },
      },
      { supermarket: stores.supermarket(), communities: stores.communities() },
    );
    model.goods.push({ pricePoints: this.pricePoints, stock: this.stock });
    real.goodIds.push(good.id);
    await compare(model, real, this.toString());
  }
  toString = () => `createGood(${this.pricePoints} points, stock ${this.stock})`;
}

// ---------------------------------------------------------------- the time bank

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const approvalDependencies = () => ({
  claims: stores.claims(),
  communities: stores.communities(),
  ledger: stores.ledger(),
  certificates: stores.certificates(),
  activities: stores.activities(),
});

/** After an approval (or a retried one): the certificate is issued, or restored from review, once earned. */
function settleCertificate(model: Model, real: Real, member: number) {
  if (model.earned[member]! < real.community.rules.certificateThresholdPoints) return;
  if (model.certificates[member] === 'none' || model.certificates[member] === 'review') {
    model.certificates[member] = 'active';
  }
}

class CreateActivity implements Command {
  check = (model: Readonly<Model>) =>
    model.activities.filter((activity) => activity.status === 'scheduled').length < MAX_ACTIVITIES &&
    model.activities.length < MAX_ACTIVITIES_IN_RUN;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const startsAt = minutesAgo(ACTIVITY_WINDOW.startedMinutesAgo);
    const activity = await createActivity(
      {
        communityId: real.community.id,
        actorId: real.staff.userId,
        categories: DEFAULT_ACTIVITY_CATEGORIES,
        request: {
          title: '帮老人洗澡',
          category: 'care',
          startsAt,
          endsAt: minutesAgo(-ACTIVITY_WINDOW.endsInMinutes),
          graceMinutes: ACTIVITY_WINDOW.graceMinutes,
        },
      },
      stores.activities(),
    );
    model.activities.push({ status: 'scheduled', month: monthOf(startsAt), attendance: new Map() });
    real.activityIds.push(activity.id);
    await compare(model, real, this.toString());
  }
  toString = () => 'createActivity()';
}

class OfficeEntry implements Command {
  constructor(
    readonly member: number,
    readonly activity: number,
    readonly minutes: number,
  ) {}
  check = (model: Readonly<Model>) => model.activities.length > 0 && model.claims.length < MAX_CLAIMS;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const index = this.activity % model.activities.length;
    const activity = model.activities[index]!;
    let made: Claim | undefined;
    const refusal = await attempt(async () => {
      made = await recordOfficeAttendance(
        {
          community: real.community,
          activityId: real.activityIds[index]!,
          member: real.members[this.member]!,
          minutes: this.minutes,
          actorId: real.staff.userId,
        },
        { activities: stores.activities(), attendances: stores.attendances(), claims: stores.claims() },
      );
    });
    const previous = activity.attendance.get(this.member);
    const expected =
      activity.status === 'cancelled'
        ? 'activity.cancelled'
        : this.minutes > MAX_ENTRY_MINUTES
          ? 'checkin.minutes_exceed_window'
          : previous !== undefined && model.claims[previous]!.status !== 'rejected'
            ? 'checkin.already_recorded'
            : null;
    tally.expect(refusal, expected, this.toString());
    if (expected === null) {
      activity.attendance.set(this.member, model.claims.length);
      const points = pointsForMinutes(this.minutes, real.community.rules);
      model.claims.push({ member: this.member, activity: index, minutes: this.minutes, points, status: 'pending' });
      real.claimIds.push(made!.id);
    }
    await compare(model, real, this.toString());
  }
  toString = () => `officeEntry(m${this.member}, activity ${this.activity}, ${this.minutes} min)`;
}

class Approve implements Command {
  constructor(readonly which: number) {}
  check = (model: Readonly<Model>) => model.claims.length > 0;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const index = this.which % model.claims.length;
    const claim = model.claims[index]!;
    const now = new Date();
    const refusal = await attempt(() =>
      approveClaim(
        { community: real.community, claimId: real.claimIds[index]!, actorId: real.approver.userId, now },
        approvalDependencies(),
      ),
    );
    const cancelled = model.activities[claim.activity]!.status === 'cancelled';
    const expected =
      claim.status === 'pending'
        ? null
        : claim.status === 'rejected' && cancelled
          ? 'activity.cancelled'
          : 'claim.already_decided';
    tally.expect(refusal, expected, this.toString());
    if (expected === null) {
      claim.status = 'approved';
      claim.month = monthOf(now);
      model.balances[claim.member]! += claim.points;
      model.earned[claim.member]! += claim.points;
    }
    // A retried approval of an approved claim finishes its certificate step too.
    if (claim.status === 'approved') settleCertificate(model, real, claim.member);
    await compare(model, real, this.toString());
  }
  toString = () => `approve(#${this.which})`;
}

class Reject implements Command {
  constructor(readonly which: number) {}
  check = (model: Readonly<Model>) => model.claims.length > 0;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const index = this.which % model.claims.length;
    const claim = model.claims[index]!;
    const refusal = await attempt(() =>
      rejectClaim(
        {
          communityId: real.community.id,
          claimId: real.claimIds[index]!,
          actorId: real.approver.userId,
          reason: '未到场',
        },
        stores.claims(),
      ),
    );
    const expected = claim.status === 'pending' ? null : 'claim.already_decided';
    tally.expect(refusal, expected, this.toString());
    if (expected === null) claim.status = 'rejected';
    await compare(model, real, this.toString());
  }
  toString = () => `reject(#${this.which})`;
}

class CancelActivity implements Command {
  constructor(readonly which: number) {}
  check = (model: Readonly<Model>) => model.activities.length > 0;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const index = this.which % model.activities.length;
    const activity = model.activities[index]!;
    const refusal = await attempt(() =>
      cancelActivity(
        { communityId: real.community.id, activityId: real.activityIds[index]!, actorId: real.staff.userId },
        {
          activities: stores.activities(),
          attendances: stores.attendances(),
          claims: stores.claims(),
          signups: stores.signups(),
        },
      ),
    );
    const ofActivity = model.claims.filter((claim) => claim.activity === index);
    const expected =
      activity.status === 'cancelled'
        ? 'activity.cancelled'
        : ofActivity.some((claim) => claim.status === 'approved')
          ? 'activity.has_approved_claims'
          : null;
    tally.expect(refusal, expected, this.toString());
    if (expected === null) {
      activity.status = 'cancelled';
      for (const claim of ofActivity) if (claim.status === 'pending') claim.status = 'rejected';
    }
    await compare(model, real, this.toString());
  }
  toString = () => `cancelActivity(${this.which})`;
}

class ReverseClaim implements Command {
  constructor(readonly which: number) {}
  check = (model: Readonly<Model>) => model.claims.length > 0;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const index = this.which % model.claims.length;
    const claim = model.claims[index]!;
    const refusal = await attempt(() =>
      reverseTransfer(
        {
          community: real.community,
          transferId: `claim:${real.claimIds[index]}`,
          actorId: real.admin.userId,
          reason: '录错了',
        },
        {
          ledger: stores.ledger(),
          claims: stores.claims(),
          certificates: stores.certificates(),
          contributions: stores.supermarket(),
          supermarket: stores.supermarket(),
          getEarned: (cid, memberId, month) => stores.office().getEarned(cid, memberId, month),
        },
      ),
    );
    const paid = (claim.status === 'approved' || claim.status === 'reversed') && claim.points > 0;
    const expected = !paid
      ? 'ledger.transfer_not_found'
      : claim.status === 'reversed'
        ? 'ledger.already_reversed'
        : model.balances[claim.member]! < claim.points
          ? 'ledger.insufficient_funds'
          : null;
    tally.expect(refusal, expected, this.toString(), expected === 'ledger.transfer_not_found' ? 404 : 409);
    if (expected === null) {
      claim.status = 'reversed';
      model.balances[claim.member]! -= claim.points;
      model.earned[claim.member]! -= claim.points;
      const threshold = real.community.rules.certificateThresholdPoints;
      if (model.certificates[claim.member] === 'active' && model.earned[claim.member]! < threshold) {
        model.certificates[claim.member] = 'review';
      }
    }
    await compare(model, real, this.toString());
  }
  toString = () => `reverseClaim(#${this.which})`;
}

class DecideCertificate implements Command {
  constructor(
    readonly member: number,
    readonly to: 'active' | 'revoked',
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const refusal = await attempt(() =>
      changeCertificateStatus(
        {
          communityId: real.community.id,
          memberId: real.members[this.member]!.userId,
          actorId: real.staff.userId,
          to: this.to,
          reason: this.to === 'revoked' ? '借给他人使用' : undefined,
        },
        stores.certificates(),
      ),
    );
    const current = model.certificates[this.member]!;
    const allowed = this.to === 'revoked' ? ['active', 'review'] : ['revoked', 'review'];
    const expected =
      current === 'none' ? 'certificate.not_found' : allowed.includes(current) ? null : 'certificate.conflict';
    tally.expect(refusal, expected, this.toString(), expected === 'certificate.not_found' ? 404 : 409);
    if (expected === null) model.certificates[this.member] = this.to;
    await compare(model, real, this.toString());
  }
  toString = () => `${this.to === 'active' ? 'confirm' : 'revoke'}Certificate(m${this.member})`;
}

const member = fc.integer({ min: 0, max: MEMBERS - 1 });
const commands = [
  fc.tuple(member, fc.integer({ min: 1, max: 15 })).map(([who, points]) => new Grant(who, points)),
  fc
    .tuple(member, fc.integer({ min: 0, max: MEMBERS }), fc.integer({ min: 1, max: 12 }))
    .map(([from, to, points]) => new Gift(from, to, points)),
  fc
    .tuple(member, fc.nat({ max: MAX_GOODS - 1 }), fc.integer({ min: 1, max: 3 }))
    .map(([who, good, quantity]) => new Redeem(who, good, quantity)),
  fc
    .tuple(member, fc.nat({ max: MAX_GOODS - 1 }), fc.integer({ min: 1, max: 3 }))
    .map(([who, good, quantity]) => new Redeem(who, good, quantity)),
  fc.nat({ max: 50 }).map((which) => new Cancel(which)),
  fc.tuple(fc.nat({ max: 50 }), fc.boolean()).map(([which, right]) => new PickUp(which, right)),
  fc
    .tuple(fc.nat({ max: MAX_GOODS - 1 }), fc.integer({ min: 1, max: 3 }))
    .map(([good, quantity]) => new Restock(good, quantity)),
  fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 5 }))
    .map(([price, stock]) => new CreateGood(price, stock)),
  fc.constant(null).map(() => new CreateActivity()),
  fc
    .tuple(member, fc.nat({ max: MAX_ACTIVITIES_IN_RUN - 1 }), fc.integer({ min: 10, max: MAX_ENTRY_MINUTES + 30 }))
    .map(([who, activity, minutes]) => new OfficeEntry(who, activity, minutes)),
  fc
    .tuple(member, fc.nat({ max: MAX_ACTIVITIES_IN_RUN - 1 }), fc.integer({ min: 10, max: MAX_ENTRY_MINUTES + 30 }))
    .map(([who, activity, minutes]) => new OfficeEntry(who, activity, minutes)),
  fc.nat({ max: 50 }).map((which) => new Approve(which)),
  fc.nat({ max: 50 }).map((which) => new Approve(which)),
  fc.nat({ max: 50 }).map((which) => new Reject(which)),
  fc.nat({ max: MAX_ACTIVITIES_IN_RUN - 1 }).map((which) => new CancelActivity(which)),
  fc.nat({ max: 50 }).map((which) => new ReverseClaim(which)),
  fc
    .tuple(member, fc.constantFrom('active' as const, 'revoked' as const))
    .map(([who, to]) => new DecideCertificate(who, to)),
];

async function freshSystem(): Promise<{ model: Model; real: Real }> {
  const community = await createCommunity();
  const communities = stores.communities();
  const joinedAt = new Date().toISOString();
  const add = async (roles: MemberRecord['roles'], name: string) => {
    const record: MemberRecord = {
      communityId: community.id,
      userId: `model-${randomUUID().slice(0, 12)}`,
      roles,
      displayName: name,
      joinedAt,
    };
    await communities.addMember(record);
    return record;
  };
  const members = await Promise.all(Array.from({ length: MEMBERS }, (_, index) => add(['resident'], `居民${index}`)));
  const [staff, approver, admin] = await Promise.all([
    add(['staff'], '社工'),
    add(['staff'], '社工乙'),
    add(['admin', 'staff'], '管理员'),
  ]);
  // One good from the start, so that redeeming and restocking are possible from the first command.
  const good = await createGood(
    { communityId: community.id, request: { name: '小米', pricePoints: 2, stock: 3, valueFen: 500 } },
    { supermarket: stores.supermarket(), communities },
  );
  return {
    model: {
      balances: members.map(() => 0),
      earned: members.map(() => 0),
      pool: 0,
      goods: [{ pricePoints: 2, stock: 3 }],
      redemptions: [],
      activities: [],
      claims: [],
      certificates: members.map(() => 'none'),
    },
    real: {
      community,
      members,
      staff,
      approver,
      admin,
      goodIds: [good.id],
      redemptions: [],
      activityIds: [],
      claimIds: [],
    },
  };
}

let reconciled = 0;
// Lanes of independent communities run side by side (DynamoDB Local serves them in parallel), each
// round after round of fast-check runs until enough commands were executed in all.
modelTest('ledger + supermarket + time bank model', 'model test', {
  settings: SETTINGS,
  tally,
  commands,
  maxCommands: MAX_COMMANDS,
  fresh: freshSystem,
  // After every RECONCILE_EVERY-th run: the whole community reconciles (postings sum to zero,
  // balances = history, statistics, stock) — it reads whole partitions, so not every run.
  afterRun: async (real, run) => {
    if (run % RECONCILE_EVERY !== 0) return;
    const report = await reconcileCommunity(real.community.id, reconcileSource());
    reconciled += 1;
    if (report.drifts.length > 0) throw new Error(`drifts: ${JSON.stringify(report.drifts)}`);
  },
  report: () => `${reconciled} reconciliations without drift, `,
});
