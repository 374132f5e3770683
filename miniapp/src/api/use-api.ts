import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api-error';
import { onDataChanged } from './changes';

export interface ApiState<Data> {
  data: Data | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` when `key` changes (null: do not load yet) and keeps the latest answer.
 * Answers to an older key are dropped, so a fast community switch never shows stale data.
 * After any write the app makes (`dataChanged`) it loads again, showing the answer it has meanwhile.
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
  useFreshAfterWrites(key, latestLoad, setState);
  const settled = state.key === key;
  return {
    data: settled ? state.data : undefined,
    error: settled ? state.error : undefined,
    loading: key !== null && (!settled || (state.data === undefined && state.error === undefined)),
    reload,
  };
}

/**
 * After any write the app makes (`dataChanged`), loads again in the background: a new answer
 * replaces what is shown; a failure leaves it (the screen was fine, the refresh was a courtesy).
 */
function useFreshAfterWrites<Data>(
  key: string | null,
  latestLoad: { current: () => Promise<Data> },
  setState: (update: (previous: { key: string | null; data?: Data; error?: ApiError }) => typeof previous) => void,
): void {
  const [changes, setChanges] = useState(0);
  useEffect(() => (key === null ? undefined : onDataChanged(() => setChanges((count) => count + 1))), [key]);
  useEffect(() => {
    if (key === null || changes === 0) return undefined;
    let current = true;
    latestLoad
      .current()
      .then((data) => current && setState((previous) => (previous.key === key ? { key, data } : previous)))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [changes]); // eslint-disable-line react-hooks/exhaustive-deps -- a change, not the key, asks for it
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'client.error', error instanceof Error ? error.message : String(error));
}
