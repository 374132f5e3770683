import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';
import { secondsUntil } from '../format/time';

export interface LiveCode<Code> {
  code: Code | undefined;
  error: ApiError | undefined;
  /** Whole seconds until the code shown now expires. */
  secondsLeft: number;
  reload: () => void;
}

/** Fetch again this long before the shown code expires, so the screen never shows a dead code. */
const EARLY_REFRESH_MS = 5_000;
const MIN_WAIT_MS = 1_000;

/**
 * A short-lived signed code (check-in QR, certificate pass) that must stay live on screen:
 * fetched when `key` is set, fetched again before `expiresAt` (and at least every
 * `refreshEveryMs`), and a countdown that ticks every second. A failed fetch retries.
 */
export function useLiveCode<Code extends { expiresAt: string }>(
  key: string | null,
  load: () => Promise<Code>,
  refreshEveryMs = 10_000,
): LiveCode<Code> {
  const [code, setCode] = useState<Code>();
  const [error, setError] = useState<ApiError>();
  const [round, setRound] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });

  useEffect(() => {
    if (key === null) return undefined;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = (waitMs: number) => {
      timer = setTimeout(() => setRound((count) => count + 1), Math.max(MIN_WAIT_MS, waitMs));
    };
    latestLoad
      .current()
      .then((fresh) => {
        if (!current) return;
        setCode(fresh);
        setError(undefined);
        next(Math.min(refreshEveryMs, Date.parse(fresh.expiresAt) - Date.now() - EARLY_REFRESH_MS));
      })
      .catch((failure: unknown) => {
        if (!current) return;
        setError(failure instanceof ApiError ? failure : new ApiError(0, 'client.error', String(failure)));
        next(refreshEveryMs);
      });
    return () => {
      current = false;
      if (timer) clearTimeout(timer);
    };
  }, [key, round, refreshEveryMs]);

  useEffect(() => {
    const ticker = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(ticker);
  }, []);

  return {
    code,
    error,
    secondsLeft: code ? secondsUntil(code.expiresAt, now) : 0,
    reload: () => setRound((count) => count + 1),
  };
}
