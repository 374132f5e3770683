import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type MySignup } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActivityCard from '../../../components/activity-card';
import ChoiceTabs from '../../../components/choice-tabs';
import EmptyState from '../../../components/empty-state';
import PageLayout from '../../../components/page-layout';
import { useReloadOnShow } from '../../../hooks/reload-on-show';
import { useI18n, type Translate } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';
import { useSession } from '../../../state/session';

type Scope = 'upcoming' | 'all';

/** `已报名`, `候补第 2 位`, `已签到`, `已取消`, `未到场`: a sign-up's state in one tag. */
export function signupTag(t: Translate, signup: MySignup): { text: string; tone: string } {
  if (signup.checkedIn) return { text: t('signups.tag.checkedIn'), tone: 'tag' };
  if (signup.status === 'cancelled') {
    return {
      text: signup.activity.status === 'cancelled' ? t('signups.tag.activityCancelled') : t('signups.tag.cancelled'),
      tone: 'tag tag--danger',
    };
  }
  if (signup.status === 'waitlisted') {
    return { text: t('signups.tag.waitlisted', { place: signup.waitlistPosition ?? 1 }), tone: 'tag tag--amber' };
  }
  if (Date.parse(signup.activity.endsAt) < Date.now())
    return { text: t('signups.tag.missed'), tone: 'tag tag--danger' };
  return {
    text: signup.positionName
      ? t('signups.tag.confirmedAs', { position: signup.positionName })
      : t('signups.tag.confirmed'),
    tone: 'tag',
  };
}

/** 我的报名: the activities I signed up for — coming up (default) or everything of the last month. */
export default function MySignupsPage() {
  const { t } = useI18n();
  const { token, communityId } = useSession();
  const [scope, setScope] = useState<Scope>('upcoming');
  const signups = useApi(token && communityId ? `my-signups:${communityId}:${scope}:${token}` : null, () =>
    request(contracts.listMySignups, { params: { cid: communityId ?? '' }, query: { scope } }),
  );
  useReloadOnShow(signups.reload);
  return (
    <PageLayout
      title="signups.title"
      requires="community"
      loading={signups.loading}
      error={signups.error}
      onRetry={signups.reload}
    >
      <ChoiceTabs
        idPrefix="signups-scope"
        value={scope}
        onChange={setScope}
        choices={[
          { value: 'upcoming', label: t('signups.upcoming') },
          { value: 'all', label: t('signups.all') },
        ]}
      />
      {signups.data?.items.length === 0 ? (
        <>
          <EmptyState id="signups-empty" title={t('signups.empty')} hint={t('signups.emptyHint')} />
          <Button className="button" id="signups-browse" onClick={() => openPage(ROUTES.activities)}>
            {t('signups.browse')}
          </Button>
        </>
      ) : null}
      <View className="list" id="signups-list">
        {signups.data?.items.map((signup) => (
          <MySignupCard key={signup.activityId} signup={signup} />
        ))}
      </View>
    </PageLayout>
  );
}

function MySignupCard({ signup }: { signup: MySignup }) {
  const { t } = useI18n();
  const tag = signupTag(t, signup);
  return (
    <ActivityCard activity={signup.activity} onOpen={() => openPage(ROUTES.activity, { id: signup.activityId })}>
      <Text className={tag.tone} id={`signup-tag-${signup.activityId}`}>
        {tag.text}
      </Text>
    </ActivityCard>
  );
}
