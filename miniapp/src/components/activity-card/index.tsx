import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { weekdaysLabel, type Activity } from '@linli/shared';
import { formatTimeRange } from '../../format/time';
import { useActivityCategories } from '../../hooks/activity-categories';
import { categoryLabel, useI18n } from '../../i18n';
import ImageGallery, { Picture } from '../image-gallery';

/**
 * One activity: its cover photo, title, category, time, its weekly series (每周二、五), place, how many
 * came, and whether it was cancelled. In a list a tap on the cover opens the activity; on its own page
 * it enlarges the cover.
 */
export default function ActivityCard({
  activity,
  onOpen,
  children,
}: {
  activity: Activity;
  onOpen?: () => void;
  children?: ReactNode;
}) {
  const { t, language } = useI18n();
  const cancelled = activity.status === 'cancelled';
  const categories = useActivityCategories(activity.communityId);
  return (
    <View className="card activity-card" id={`activity-${activity.id}`}>
      <View className="activity-card__main" onClick={onOpen}>
        {activity.cover && onOpen ? (
          <Picture
            className="card-picture activity-card__cover"
            src={activity.cover.thumbUrl}
            alt={t('photos.alt', { subject: activity.title, index: 1, count: 1 })}
          />
        ) : null}
        {activity.cover && !onOpen ? (
          <ImageGallery
            id={`activity-${activity.id}-cover`}
            images={[activity.cover]}
            subject={activity.title}
            size="cover"
          />
        ) : null}
        <View className="row">
          <Text className="card__value row__text">{activity.title}</Text>
          <Text className={cancelled ? 'tag tag--danger' : 'tag'}>
            {cancelled ? t('activity.cancelled') : categoryLabel(t, activity.category, categories)}
          </Text>
        </View>
        <Text className="activity-card__line">
          {t('activity.time')}：{formatTimeRange(activity.startsAt, activity.endsAt, language)}
        </Text>
        {activity.heldForReview ? (
          <Text className="tag tag--amber activity-card__held" id={`activity-held-${activity.id}`}>
            {t('activity.heldForReview')}
          </Text>
        ) : null}
        {activity.seriesWeekdays?.length ? (
          <Text className="activity-card__line activity-card__series" id={`activity-series-${activity.id}`}>
            {t('series.everyWeek', { days: weekdaysLabel(activity.seriesWeekdays, language) })}
          </Text>
        ) : null}
        {activity.location ? (
          <Text className="activity-card__line">
            {t('activity.location')}：{activity.location}
          </Text>
        ) : null}
        <Text className="card__hint">
          {activity.capacity
            ? t('activity.attendeesOfCapacity', { count: activity.attendeeCount, capacity: activity.capacity })
            : t('activity.attendees', { count: activity.attendeeCount })}
        </Text>
      </View>
      {children}
    </View>
  );
}
