import { contracts, type MerchantDetail } from '@linli/shared';
import { request, useApi, type ApiState } from '../api';
import { useSession } from '../state/session';
import { createStoredValue, isNonEmptyString, useStoredValue } from '../state/stored-value';

/** The merchant whose console is open, for people who serve at more than one shop. */
export const currentMerchantId = createStoredValue<string | null>('linli.merchant.id', null, isNonEmptyString);

export interface MyMerchants extends ApiState<{ items: MerchantDetail[] }> {
  communityId: string;
  /** The chosen merchant, else the first; undefined when I serve at none. */
  merchant: MerchantDetail | undefined;
  select: (merchantId: string) => void;
}

/** The alliance merchants where I am the owner or serve as staff (listMyMerchants). */
export function useMyMerchants(): MyMerchants {
  const { token, communityId } = useSession();
  const chosen = useStoredValue(currentMerchantId);
  const mine = useApi(token && communityId ? `my-merchants:${communityId}:${token}` : null, () =>
    request(contracts.listMyMerchants, { params: { cid: communityId ?? '' } }),
  );
  const items = mine.data?.items ?? [];
  return {
    ...mine,
    communityId: communityId ?? '',
    merchant: items.find((merchant) => merchant.id === chosen) ?? items[0],
    select: currentMerchantId.set,
  };
}
