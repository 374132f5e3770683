import { Text, View } from '@tarojs/components';
import type { Recognition } from '@linli/shared';
import { formatHours } from '../../format/office';
import { useI18n } from '../../i18n';
import EmptyState from '../empty-state';

/** 光荣榜: the volunteers the office recognised, each with the citation and the hours served. */
export default function HonorList({ id, items }: { id: string; items: readonly Recognition[] }) {
  const { t } = useI18n();
  if (items.length === 0) return <EmptyState id={`${id}-empty`} title={t('honor.empty')} />;
  return (
    <View className="list" id={id}>
      {items.map((item) => (
        <View className="card honor" key={`${item.month}:${item.memberId}`} id={`honor-${item.memberId}`}>
          <Text className="honor__name">🏅 {item.displayName}</Text>
          <Text>{item.citation}</Text>
          <Text className="card__hint">{t('honor.hours', { hours: formatHours(item.volunteerMinutes) })}</Text>
        </View>
      ))}
    </View>
  );
}
