import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { MerchantPost } from '@linli/shared';
import { formatDateTime } from '../../format/time';
import { useI18n } from '../../i18n';

/** A merchant's recruitment or promotion notice on the community board. */
export default function PostCard({ post, children }: { post: MerchantPost; children?: ReactNode }) {
  const { t, language } = useI18n();
  return (
    <View className="card" id={`post-${post.id}`}>
      <View className="tags">
        <Text className={post.kind === 'recruitment' ? 'tag' : 'tag tag--amber'}>{t(`postKind.${post.kind}`)}</Text>
        <Text className="tag tag--plain">{post.merchantName}</Text>
        {post.status === 'taken_down' ? <Text className="tag tag--danger">{t('post.takenDown')}</Text> : null}
      </View>
      <Text className="card__value">{post.title}</Text>
      <Text className="post-card__body">{post.body}</Text>
      <Text className="card__hint">{t('post.expiresAt', { date: formatDateTime(post.expiresAt, language) })}</Text>
      {children}
    </View>
  );
}
