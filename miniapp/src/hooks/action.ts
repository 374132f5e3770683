import { useState } from 'react';
import { newIdempotencyKey } from '../api';
import { describeError, useI18n } from '../i18n';

export interface Outcome {
  ok: boolean;
  text: string;
}

export interface Action {
  busy: boolean;
  outcome: Outcome | undefined;
  /** The key that makes a retry of the same action safe; a fresh one after each success. */
  idempotencyKey: string;
  /** Runs `call` once at a time; its text is the success message, a failure is described in plain words. */
  run: (call: (idempotencyKey: string) => Promise<string>) => Promise<boolean>;
  /** Shows a problem found before sending (a missing field). */
  fail: (text: string) => void;
  clear: () => void;
}

/** Busy flag, outcome message and idempotency key of one form's action. */
export function useAction(): Action {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const run = async (call: (key: string) => Promise<string>): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setOutcome(undefined);
    try {
      const text = await call(idempotencyKey);
      setOutcome({ ok: true, text });
      setIdempotencyKey(newIdempotencyKey());
      return true;
    } catch (error) {
      setOutcome({ ok: false, text: describeError(t, error) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  return {
    busy,
    outcome,
    idempotencyKey,
    run,
    fail: (text) => setOutcome({ ok: false, text }),
    clear: () => setOutcome(undefined),
  };
}
