import { Button, View } from '@tarojs/components';
import { pressedSemantics } from '../accessible-name';

export interface Choice<Value extends string> {
  value: Value;
  label: string;
}

/** A row of large buttons of which one is chosen (filters, categories, check-in or check-out). */
export default function ChoiceTabs<Value extends string>({
  idPrefix,
  choices,
  value,
  onChange,
}: {
  idPrefix: string;
  choices: readonly Choice<Value>[];
  value: Value | undefined;
  onChange: (value: Value) => void;
}) {
  return (
    <View className="choices" id={idPrefix}>
      {choices.map((choice) => (
        <Button
          key={choice.value}
          id={`${idPrefix}-${choice.value}`}
          className={choice.value === value ? 'choice choice--on' : 'choice'}
          {...pressedSemantics(choice.value === value)}
          onClick={() => onChange(choice.value)}
        >
          {choice.label}
        </Button>
      ))}
    </View>
  );
}
