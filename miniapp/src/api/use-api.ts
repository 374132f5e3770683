import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api-error';

export interface ApiState<Data> {
  data: Data | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` when `key` changes (null: do not load yet) and keeps the latest answer.
 * Answers to an older key are dropped, so a fast community switch never shows stale data.
 */
export function useApi<Data>(key: string | null, load: () => Promise<Data>): ApiState<Data> {
  const [state, setState] = useState<{ key: string | null; data?: Data; error?: ApiError }>({ key: null });
  const [attempt, setAttempt] = useState(0);
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });

  useEffect(() => {
    if (key === null) return undefined;
    let current = true;
    latestLoad
      .current()
      .then((data) => current && setState({ key, data }))
      .catch((error: unknown) => current && setState({ key, error: asApiError(error) }));
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const settled = state.key === key;
  return {
    data: settled ? state.data : undefined,
    error: settled ? state.error : undefined,
    loading: key !== null && (!settled || (state.data === undefined && state.error === undefined)),
    reload,
  };
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'client.error', error instanceof Error ? error.message : String(error));
}
