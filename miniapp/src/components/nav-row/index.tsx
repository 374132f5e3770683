import { Text, View } from '@tarojs/components';

/** One large tappable line that opens another page: a label, an optional hint, an arrow. */
export default function NavRow({
  id,
  label,
  hint,
  onClick,
}: {
  id: string;
  label: string;
  hint?: string;
  onClick: () => void;
}) {
  return (
    <View className="nav-row" id={id} onClick={onClick}>
      <View className="row__text">
        <Text className="nav-row__label">{label}</Text>
        {hint ? <Text className="card__hint">{hint}</Text> : null}
      </View>
      <Text className="nav-row__arrow">›</Text>
    </View>
  );
}
