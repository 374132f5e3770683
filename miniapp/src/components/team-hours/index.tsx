import { Text, View } from '@tarojs/components';
import type { TeamRecognition } from '@linli/shared';
import { formatHours } from '../../format/office';
import { useI18n } from '../../i18n';

/** 光荣榜's teams: each volunteer team with its hours in the month and in the year so far (nothing without teams). */
export default function TeamHours({ id, teams }: { id: string; teams: readonly TeamRecognition[] }) {
  const { t } = useI18n();
  if (teams.length === 0) return null;
  return (
    <>
      <Text className="section-title">{t('teams.honorTitle')}</Text>
      <View className="card" id={id}>
        {teams.map((team) => (
          <View className="row" key={team.id} id={`${id}-${team.id}`}>
            <View className="row__text">
              <Text className="card__value">{team.name}</Text>
              <Text className="card__hint">{t('teams.members', { count: team.memberCount })}</Text>
            </View>
            <Text className="card__label">
              {t('teams.monthAndYear', { month: formatHours(team.monthMinutes), year: formatHours(team.yearMinutes) })}
            </Text>
          </View>
        ))}
      </View>
    </>
  );
}
