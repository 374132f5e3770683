import { Button } from '@tarojs/components';
import type { ReactNode } from 'react';

export interface SubmitButtonProps {
  id?: string;
  /** An action of this button is on its way: the button dims (`button--busy`) until it settles. */
  busy: boolean;
  /** The button's classes when idle (`button` unless told); `button--busy` is added while busy. */
  className?: string;
  /** Runs the action; it ignores clicks while busy itself (`useAction().run`), so the button stays tappable. */
  onClick: () => unknown;
  children: ReactNode;
}

/**
 * The button that sends a form or a decision: `<SubmitButton id="x-submit" busy={action.busy} onClick={send}>`.
 * The one place that turns a pending action into the `button--busy` look.
 */
export default function SubmitButton({ id, busy, className = 'button', onClick, children }: SubmitButtonProps) {
  return (
    <Button id={id} className={busy ? `${className} button--busy` : className} aria-busy={busy} onClick={onClick}>
      {children}
    </Button>
  );
}
