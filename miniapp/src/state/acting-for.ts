import type { ProxyRelation } from '@linli/shared';
import { createStoredValue, useStoredValue } from './stored-value';

/** The resident a proxy (a family member, a neighbour) is acting for; null when acting for themself. */
export interface ActingFor {
  communityId: string;
  residentId: string;
  residentName: string;
}

const isActingFor = (raw: unknown): raw is ActingFor => {
  const value = raw as Partial<ActingFor> | null;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.communityId === 'string' &&
    typeof value.residentId === 'string' &&
    typeof value.residentName === 'string'
  );
};

/**
 * Read by the API client on every request: while set, each call carries `X-Act-For: <residentId>`
 * and the server treats it as the resident's own (marking it in the audit log).
 */
export const actingFor = createStoredValue<ActingFor | null>('linli.actingFor', null, isActingFor, {
  followOtherTabs: true,
});

/** "为 张阿姨 代办": from now on every request is made for this resident. */
export function startActingFor(relation: ProxyRelation): void {
  actingFor.set({
    communityId: relation.communityId,
    residentId: relation.residentId,
    residentName: relation.residentName,
  });
}

/** "结束代办": back to acting for oneself. */
export function stopActingFor(): void {
  actingFor.clear();
}

export function useActingFor(): ActingFor | null {
  return useStoredValue(actingFor);
}
