import type { CreateDistrictRequest, District } from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { findOrCreateUser } from './login';
import type { DistrictStore, UserStore } from './ports';

/** District actions are audited in the district's own log partition (no community holds them). */
const districtLog = (districtId: string) => `district-${districtId}`;

/** A district (街道) groups communities; platform operators create them (409 `district.exists`). */
export async function createDistrict(
  input: { request: CreateDistrictRequest; actorId: string; now?: Date },
  districts: DistrictStore,
): Promise<District> {
  const district: District = {
    id: input.request.id,
    name: input.request.name,
    createdAt: (input.now ?? new Date()).toISOString(),
  };
  const outcome = await districts.createDistrict(district, {
    audit: {
      communityId: districtLog(district.id),
      action: 'district.create',
      objectType: 'district',
      objectId: district.id,
      actorId: input.actorId,
      after: district,
    },
  });
  if (outcome === 'exists') throw new AppError('district.exists', `A district with the id ${district.id} exists`);
  return district;
}

/** Names a district officer by WeChat openid (a user is made for one who never logged in). */
export async function nameDistrictOfficer(
  input: { districtId: string; openid: string; actorId: string },
  dependencies: { districts: DistrictStore; users: UserStore },
): Promise<{ districtId: string; officerId: string }> {
  if (!(await dependencies.districts.getDistrict(input.districtId))) throw notFound('district');
  const user = await findOrCreateUser({ openid: input.openid }, dependencies.users);
  await dependencies.districts.addOfficer(input.districtId, user.id, {
    audit: {
      communityId: districtLog(input.districtId),
      action: 'district.name_officer',
      objectType: 'member',
      objectId: user.id,
      actorId: input.actorId,
    },
  });
  return { districtId: input.districtId, officerId: user.id };
}

/**
 * Who may see a district's figures: its officers and platform operators. A district officer holds
 * no role in its communities by being one (they act there only with a role of their own).
 */
export async function requireDistrictViewer(
  input: { districtId: string; userId: string },
  dependencies: { districts: DistrictStore; users: UserStore; operatorOpenids: () => Promise<Set<string>> },
): Promise<void> {
  const [officer, user, operators] = await Promise.all([
    dependencies.districts.isOfficer(input.districtId, input.userId),
    dependencies.users.getUser(input.userId),
    dependencies.operatorOpenids(),
  ]);
  if (officer || (user && operators.has(user.openid))) return;
  throw new AppError('auth.forbidden', 'Only the district’s officers may see its figures');
}

/** The districts whose figures the caller may see: all for a platform operator, else those they serve. */
export async function listMyDistricts(
  userId: string,
  dependencies: { districts: DistrictStore; users: UserStore; operatorOpenids: () => Promise<Set<string>> },
): Promise<{ items: District[] }> {
  const [user, operators] = await Promise.all([dependencies.users.getUser(userId), dependencies.operatorOpenids()]);
  const items =
    user && operators.has(user.openid)
      ? await dependencies.districts.listDistricts()
      : await dependencies.districts.listDistrictsOfOfficer(userId);
  return { items };
}
