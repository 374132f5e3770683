import { Button, Text, View } from '@tarojs/components';

/** A large tick box with its label (匿名捐赠…): `#<id>` is the box, `check--on` when ticked. */
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
      <Button id={id} className={checked ? 'check check--on' : 'check'}>
        {checked ? '✓' : ''}
      </Button>
      <Text className="row__text">{label}</Text>
    </View>
  );
}
