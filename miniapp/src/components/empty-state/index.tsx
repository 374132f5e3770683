import { Text, View } from '@tarojs/components';

/** An honest "not here yet" message; never placeholder data. */
export default function EmptyState({ id, title, hint }: { id?: string; title: string; hint?: string }) {
  return (
    <View className="empty" id={id}>
      <Text className="empty__title">{title}</Text>
      {hint ? <Text className="empty__hint">{hint}</Text> : null}
    </View>
  );
}
