import { Text } from '@tarojs/components';
import type { Outcome } from '../../hooks/action';

/** The answer to a form's action, in plain words: `#<id>-result` when it worked, `#<id>-error` when not. */
export default function ActionOutcome({ id, outcome }: { id: string; outcome: Outcome | undefined }) {
  if (!outcome) return null;
  return (
    <Text id={outcome.ok ? `${id}-result` : `${id}-error`} className={outcome.ok ? 'result-good' : 'result-bad'}>
      {outcome.text}
    </Text>
  );
}
