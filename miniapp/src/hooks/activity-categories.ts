import { useEffect, useState } from 'react';
import { activityCategoriesOf, contracts, type ActivityCategoryDefinition } from '@linli/shared';
import { request } from '../api';

/** One request per community while the app runs: every activity card of a list shares it. */
const loaded = new Map<string, Promise<readonly ActivityCategoryDefinition[]>>();

/**
 * A community's own activity categories (`rules.activityCategories`, or the default set), to name an
 * activity's category; empty until they arrive (the card then shows the app's own names).
 */
export function useActivityCategories(communityId: string | undefined): readonly ActivityCategoryDefinition[] {
  const [categories, setCategories] = useState<readonly ActivityCategoryDefinition[]>([]);
  useEffect(() => {
    if (!communityId) return undefined;
    let live = true;
    let pending = loaded.get(communityId);
    if (!pending) {
      pending = request(contracts.getCommunity, { params: { cid: communityId } }).then((community) =>
        activityCategoriesOf(community.rules),
      );
      pending.catch(() => loaded.delete(communityId));
      loaded.set(communityId, pending);
    }
    pending.then((found) => live && setCategories(found)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [communityId]);
  return categories;
}
