import { Button, Text, View } from '@tarojs/components';
import { checkboxSemantics } from '../accessible-name';

/**
 * A large tick box with its label (匿名捐赠…): `#<id>` is the box, `check--on` when ticked — a checkbox to a
 * screen reader, named by its label (in a browser it is a real `<button>`, which needs a name).
 */
export default function CheckRow({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <View className="row check-row" onClick={() => onChange(!checked)}>
      <Button id={id} className={checked ? 'check check--on' : 'check'} {...checkboxSemantics(checked, label)}>
        {checked ? '✓' : ''}
      </Button>
      <Text className="row__text">{label}</Text>
    </View>
  );
}
