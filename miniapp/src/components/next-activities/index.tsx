import { Text, View } from '@tarojs/components';
import { contracts } from '@linli/shared';
import { request, useApi } from '../../api';
import { formatTimeRange } from '../../format/time';
import { useReloadOnShow } from '../../hooks/reload-on-show';
import { useI18n } from '../../i18n';
import { ROUTES, openPage } from '../../routes';
import NavRow from '../nav-row';

/** How many of the member's next activities the home page lists. */
const SHOWN = 3;

/**
 * 首页's "我报名的活动": the member's next activities they signed up for (confirmed or on the
 * waitlist), soonest first, each opening its page; nothing when there are none.
 */
export default function NextActivities({ communityId }: { communityId: string }) {
  const { t, language } = useI18n();
  const signups = useApi(`my-signups:${communityId}:upcoming`, () =>
    request(contracts.listMySignups, { params: { cid: communityId }, query: { scope: 'upcoming' } }),
  );
  useReloadOnShow(signups.reload);
  const items = signups.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <View className="card card--links" id="home-next-activities">
      <Text className="card__label">{t('signups.next')}</Text>
      {items.slice(0, SHOWN).map((signup) => (
        <NavRow
          key={signup.activityId}
          id={`home-next-${signup.activityId}`}
          label={signup.activity.title}
          hint={`${formatTimeRange(signup.activity.startsAt, signup.activity.endsAt, language)} · ${
            signup.status === 'waitlisted'
              ? t('signups.tag.waitlisted', { place: signup.waitlistPosition ?? 1 })
              : t('signups.tag.confirmed')
          }`}
          onClick={() => openPage(ROUTES.activity, { id: signup.activityId })}
        />
      ))}
      {items.length > SHOWN ? (
        <NavRow id="home-next-more" label={t('signups.title')} onClick={() => openPage(ROUTES.mySignups)} />
      ) : null}
    </View>
  );
}
