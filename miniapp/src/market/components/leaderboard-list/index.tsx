import { Text, View } from '@tarojs/components';
import type { Leaderboard } from '@linli/shared';
import { useI18n } from '../../../i18n';
import EmptyState from '../../../components/empty-state';

/** The month's contributors by rank (ties share a rank, as the server says); the top three stand out. */
export default function LeaderboardList({
  leaderboard,
  currencyName,
  myMemberId,
}: {
  leaderboard: Leaderboard;
  currencyName: string;
  myMemberId?: string;
}) {
  const { t } = useI18n();
  if (leaderboard.items.length === 0) {
    return <EmptyState id="leaderboard-empty" title={t('leaderboard.empty')} hint={t('leaderboard.emptyHint')} />;
  }
  return (
    <View className="list" id="leaderboard-list">
      {leaderboard.items.map((item) => (
        <View
          key={item.memberId}
          id={`leaderboard-${item.memberId}`}
          className={item.memberId === myMemberId ? 'card leaderboard-row leaderboard-row--me' : 'card leaderboard-row'}
        >
          <View className="row">
            <Text className={item.rank <= 3 ? `rank rank--${item.rank}` : 'rank'}>{item.rank}</Text>
            <View className="row__text">
              <Text className="card__value leaderboard-row__name">{item.memberName}</Text>
              {item.memberId === myMemberId ? <Text className="card__hint">{t('leaderboard.me')}</Text> : null}
            </View>
            <Text className="leaderboard-row__points">
              {t('leaderboard.points', { points: item.points, currency: currencyName })}
            </Text>
          </View>
        </View>
      ))}
    </View>
  );
}
