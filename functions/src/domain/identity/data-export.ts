import type { ChildDataExport, CommunityDataExport, DataExport, ExportRecord } from '@linli/shared';
import { AppError } from '../../lib/errors';
import type { SealedField } from '../../lib/envelope';
import { idNumberContext, type FieldSealer } from '../timebank/volunteer-profile';

/**
 * "My data" (issue 20 item 1; PIPL Art. 44–45): everything Linli holds about one person, across every
 * community they belong to, read through Queries of their own key patterns (every page) and bounded:
 * more than {@link EXPORT_LIMITS} items, time or bytes is 413 `export.too_large` (the office can
 * then help), never a Lambda that runs out of time or an answer API Gateway cannot carry.
 */

export type StoredRecord = ExportRecord;

/** Told of every page read; throws 413 `export.too_large` once the export is past its bounds. */
export interface ExportBudget {
  take(count: number): void;
}

export interface UserRecords {
  profile: StoredRecord | null;
  consents: StoredRecord[];
  notifications: StoredRecord[];
  subscriptions: StoredRecord[];
}

export interface MemberRecords {
  accounts: StoredRecord[];
  certificates: StoredRecord[];
}

/** The member's own lists, each with an index of its own. */
export type MemberList =
  | 'claims'
  | 'signups'
  | 'teams'
  | 'recordRequests'
  | 'serviceCertificates'
  | 'merchantRoles'
  | 'discountUses'
  | 'redemptions'
  | 'orders'
  | 'products'
  | 'pledges'
  | 'receiptRequests';

/** Lists kept per community with no per-person index (read narrowed to the person). */
export type FilteredList = 'complaints' | 'contributions' | 'photos';

const MEMBER_LISTS: readonly MemberList[] = [
  'claims',
  'signups',
  'teams',
  'recordRequests',
  'serviceCertificates',
  'merchantRoles',
  'discountUses',
  'redemptions',
  'orders',
  'products',
  'pledges',
  'receiptRequests',
];
const FILTERED_LISTS: readonly FilteredList[] = ['complaints', 'contributions', 'photos'];

/** The reads the export needs (`store/identity/personal-data-store.ts`). */
export interface PersonalDataStore {
  userRecords(userId: string, budget: ExportBudget): Promise<UserRecords>;
  memberships(userId: string, budget: ExportBudget): Promise<StoredRecord[]>;
  districts(userId: string, budget: ExportBudget): Promise<StoredRecord[]>;
  memberRecords(communityId: string, userId: string, budget: ExportBudget): Promise<MemberRecords>;
  proxies(
    communityId: string,
    userId: string,
    budget: ExportBudget,
  ): Promise<{ actingForMe: StoredRecord[]; iActFor: StoredRecord[] }>;
  earnedMonths(communityId: string, userId: string, budget: ExportBudget): Promise<StoredRecord[]>;
  memberList(communityId: string, userId: string, list: MemberList, budget: ExportBudget): Promise<StoredRecord[]>;
  filtered(communityId: string, userId: string, list: FilteredList, budget: ExportBudget): Promise<StoredRecord[]>;
  ledger(communityId: string, userId: string, budget: ExportBudget): Promise<StoredRecord[]>;
  volunteerProfile(communityId: string, userId: string): Promise<StoredRecord | null>;
  makerAccount(communityId: string, userId: string): Promise<StoredRecord | null>;
}

export interface DataExportDependencies {
  records: PersonalDataStore;
  /** A community's name (the export names each community it lists). */
  communityName(communityId: string): Promise<string | undefined>;
  sealer: FieldSealer;
  now?: () => number;
}

/**
 * The bounds of one export: items read (a volunteer of ten years has a few thousand), time (the
 * HTTP function has 10 s) and the JSON's size (API Gateway and Lambda carry at most 6 MB).
 */
export const EXPORT_LIMITS = { items: 40_000, milliseconds: 8_000, bytes: 5 * 1024 * 1024 } as const;

export const exportTooLarge = (reason: 'items' | 'time' | 'bytes') =>
  new AppError(
    'export.too_large',
    'Your history is too large to export here at once; please ask your community office for a copy',
    { reason },
  );

export function exportBudget(now: () => number = Date.now): ExportBudget {
  const deadline = now() + EXPORT_LIMITS.milliseconds;
  let items = 0;
  return {
    take(count) {
      items += count;
      if (items > EXPORT_LIMITS.items) throw exportTooLarge('items');
      if (now() > deadline) throw exportTooLarge('time');
    },
  };
}

/** The user record without the login's identifiers (openid, unionid): not information about the person. */
const LOGIN_IDENTIFIERS = ['openid', 'unionid', 'sessionKey'];

function withoutLoginIdentifiers(record: StoredRecord): StoredRecord {
  return Object.fromEntries(Object.entries(record).filter(([name]) => !LOGIN_IDENTIFIERS.includes(name)));
}

/** The volunteer profile with the person's own ID number opened (in full: it is theirs), the sealed form dropped. */
async function openedProfile(
  communityId: string,
  userId: string,
  profile: StoredRecord | null,
  sealer: FieldSealer,
): Promise<StoredRecord[]> {
  if (!profile) return [];
  const { idNumberSealed, ...rest } = profile;
  if (!idNumberSealed) return [rest];
  const idNumber = await sealer.open(idNumberSealed as SealedField, idNumberContext(communityId, userId));
  return [{ ...rest, idNumber }];
}

async function memberLists(
  input: { communityId: string; userId: string },
  records: PersonalDataStore,
  budget: ExportBudget,
): Promise<Record<MemberList | FilteredList, StoredRecord[]>> {
  const { communityId, userId } = input;
  const lists = await Promise.all([
    ...MEMBER_LISTS.map((list) => records.memberList(communityId, userId, list, budget)),
    ...FILTERED_LISTS.map((list) => records.filtered(communityId, userId, list, budget)),
  ]);
  const names = [...MEMBER_LISTS, ...FILTERED_LISTS];
  return Object.fromEntries(names.map((name, index) => [name, lists[index] ?? []])) as Record<
    MemberList | FilteredList,
    StoredRecord[]
  >;
}

async function communityExport(
  membership: StoredRecord,
  userId: string,
  dependencies: DataExportDependencies,
  budget: ExportBudget,
): Promise<ChildDataExport & { guardianOf: string[] }> {
  const { records } = dependencies;
  const communityId = String(membership.communityId);
  const [name, member, proxies, earnedMonths, ledger, profile, makerAccount, lists] = await Promise.all([
    dependencies.communityName(communityId),
    records.memberRecords(communityId, userId, budget),
    records.proxies(communityId, userId, budget),
    records.earnedMonths(communityId, userId, budget),
    records.ledger(communityId, userId, budget),
    records.volunteerProfile(communityId, userId),
    records.makerAccount(communityId, userId),
    memberLists({ communityId, userId }, records, budget),
  ]);
  const { orders, ...others } = lists;
  return {
    communityId,
    name: name ?? communityId,
    membership,
    accounts: member.accounts,
    certificates: member.certificates,
    volunteerProfile: await openedProfile(communityId, userId, profile, dependencies.sealer),
    earnedMonths,
    ledger,
    ...others,
    orders: orders.filter((order) => order.kind !== 'donation'),
    donations: orders.filter((order) => order.kind === 'donation'),
    proxiesActingForMe: proxies.actingForMe,
    proxiesIActFor: proxies.iActFor,
    makerAccounts: makerAccount ? [makerAccount] : [],
    guardianOf: proxies.iActFor
      .filter((relation) => relation.kind === 'guardian')
      .map((relation) => String(relation.residentId)),
  };
}

/**
 * The person's records in one community, with those of each child they added there as guardian
 * (`addChild`: the child's membership names them as guardian) — read the same way, one child at a time.
 */
async function guardianCommunityExport(
  membership: StoredRecord,
  userId: string,
  dependencies: DataExportDependencies,
  budget: ExportBudget,
): Promise<CommunityDataExport> {
  const { guardianOf, ...own } = await communityExport(membership, userId, dependencies, budget);
  const children: ChildDataExport[] = [];
  for (const childId of guardianOf) {
    const childMembership = (await dependencies.records.memberships(childId, budget)).find(
      (candidate) => candidate.communityId === own.communityId && candidate.guardianId === userId,
    );
    if (!childMembership) continue;
    const child = await communityExport(childMembership, childId, dependencies, budget);
    delete (child as Partial<typeof child>).guardianOf;
    children.push(child);
  }
  return { ...own, children };
}

/** Everything Linli holds about `userId` (see `DataExport` in `@linli/shared` for the shape). */
export async function exportPersonalData(userId: string, dependencies: DataExportDependencies): Promise<DataExport> {
  const now = dependencies.now ?? Date.now;
  const budget = exportBudget(now);
  const [user, memberships, districts] = await Promise.all([
    dependencies.records.userRecords(userId, budget),
    dependencies.records.memberships(userId, budget),
    dependencies.records.districts(userId, budget),
  ]);
  const communities: CommunityDataExport[] = [];
  // One community at a time: each reads ~20 partitions side by side, so a member of many communities
  // does not fan out into hundreds of Queries at once.
  for (const membership of memberships) {
    communities.push(await guardianCommunityExport(membership, userId, dependencies, budget));
  }
  return {
    exportedAt: new Date(now()).toISOString(),
    userId,
    profile: user.profile ? withoutLoginIdentifiers(user.profile) : { id: userId },
    consents: user.consents,
    notifications: user.notifications,
    subscriptions: user.subscriptions,
    districts,
    communities,
  };
}

/** The export as the file's text; past {@link EXPORT_LIMITS}`.bytes` it is 413 `export.too_large`. */
export function exportFileText(data: DataExport): string {
  const text = JSON.stringify(data, null, 2);
  if (Buffer.byteLength(text) > EXPORT_LIMITS.bytes) throw exportTooLarge('bytes');
  return text;
}
