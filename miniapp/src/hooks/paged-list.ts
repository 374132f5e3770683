import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@linli/shared';
import { ApiError } from '../api';

export interface PagedList<Item> {
  items: Item[];
  /** The first page is on its way. */
  loading: boolean;
  /** A further page is on its way. */
  loadingMore: boolean;
  error: ApiError | undefined;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Drops items from what is shown (after they were approved, rejected…), without reloading. */
  removeWhere: (matches: (item: Item) => boolean) => void;
}

interface ListState<Item> {
  key: string | null;
  items: Item[];
  nextCursor: string | null;
  loaded: boolean;
  loadingMore: boolean;
  error?: ApiError;
}

const emptyState = <Item>(key: string | null): ListState<Item> => ({
  key,
  items: [],
  nextCursor: null,
  loaded: false,
  loadingMore: false,
});

/**
 * A cursor-paged list (`{items, nextCursor}`): loads the first page when `key` changes
 * (null: not yet), then one more page per `loadMore`. Answers for an older key are dropped.
 */
export function usePagedList<Item>(
  key: string | null,
  loadPage: (cursor: string | undefined) => Promise<Page<Item>>,
): PagedList<Item> {
  const [state, setState] = useState<ListState<Item>>(() => emptyState(key));
  const [attempt, setAttempt] = useState(0);
  const latestLoad = useRef(loadPage);
  const latestState = useRef(state);
  const loadingMoreFor = useRef<string | null>(null);
  useEffect(() => {
    latestLoad.current = loadPage;
    latestState.current = state;
  });

  useEffect(() => {
    setState(emptyState(key));
    loadingMoreFor.current = null;
    if (key === null) return undefined;
    let current = true;
    latestLoad
      .current(undefined)
      .then((page) => {
        if (current) setState({ ...emptyState(key), items: page.items, nextCursor: page.nextCursor, loaded: true });
      })
      .catch((error: unknown) => {
        if (current) setState({ ...emptyState(key), loaded: true, error: asApiError(error) });
      });
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const loadMore = useCallback(() => {
    const previous = latestState.current;
    if (loadingMoreFor.current !== null || previous.nextCursor === null || previous.key === null) return;
    const requestedKey = previous.key;
    loadingMoreFor.current = requestedKey;
    setState({ ...previous, loadingMore: true, error: undefined });
    const settle = (update: (latest: ListState<Item>) => ListState<Item>) => {
      loadingMoreFor.current = null;
      setState((latest) => (latest.key === requestedKey ? update(latest) : latest));
    };
    latestLoad
      .current(previous.nextCursor)
      .then((page) =>
        settle((latest) => ({
          ...latest,
          items: [...latest.items, ...page.items],
          nextCursor: page.nextCursor,
          loadingMore: false,
        })),
      )
      .catch((error: unknown) => settle((latest) => ({ ...latest, loadingMore: false, error: asApiError(error) })));
  }, []);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const removeWhere = useCallback(
    (matches: (item: Item) => boolean) =>
      setState((previous) => ({ ...previous, items: previous.items.filter((item) => !matches(item)) })),
    [],
  );

  const settled = state.key === key && state.loaded;
  return {
    items: settled ? state.items : [],
    loading: key !== null && !settled,
    loadingMore: state.loadingMore,
    error: settled ? state.error : undefined,
    hasMore: settled && state.nextCursor !== null,
    loadMore,
    reload,
    removeWhere,
  };
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'client.error', error instanceof Error ? error.message : String(error));
}
