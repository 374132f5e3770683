import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type Community } from '@linli/shared';
import { ApiError, request, useApi } from '../../api';
import EmptyState from '../../components/empty-state';
import PageLayout from '../../components/page-layout';
import SubmitButton from '../../components/submit-button';
import { selectCommunity, useSession } from '../../state/session';
import { useI18n } from '../../i18n';
import { ROUTES, openPage } from '../../routes';
import { currencyOf } from '../../format/points';

interface Choice {
  community: Community;
  joined: boolean;
  /** The caller's balance there, in its own currency (joined ones). */
  balancePoints?: number;
}

async function loadChoices(): Promise<Choice[]> {
  const [all, mine] = await Promise.all([request(contracts.listCommunities), request(contracts.listMyCommunities)]);
  const joined = new Map(mine.items.map((membership) => [membership.community.id, membership.balancePoints]));
  // The ones the person belongs to first, each with their balance: switching is one tap.
  return all.items
    .map((community) => ({ community, joined: joined.has(community.id), balancePoints: joined.get(community.id) }))
    .sort((left, right) => Number(right.joined) - Number(left.joined));
}

export default function CommunitiesPage() {
  const { t } = useI18n();
  const { loggedIn, token } = useSession();
  const choices = useApi(loggedIn ? `communities:${token}` : null, loadChoices);

  return (
    <PageLayout
      title="communities.title"
      requires="session"
      loading={choices.loading}
      error={choices.error}
      onRetry={choices.reload}
    >
      <Text className="card__hint">{t('communities.intro')}</Text>
      {choices.data?.length === 0 ? <EmptyState title={t('communities.empty')} /> : null}
      {choices.data?.map((choice) => (
        <CommunityCard key={choice.community.id} choice={choice} />
      ))}
    </PageLayout>
  );
}

function CommunityCard({ choice }: { choice: Choice }) {
  const { t, language } = useI18n();
  const { communityId } = useSession();
  const [busy, setBusy] = useState(false);
  const [errorMessage, setErrorMessage] = useState<string>();
  const { community, joined } = choice;
  const isCurrent = communityId === community.id;

  const enter = async () => {
    if (busy) return;
    setBusy(true);
    setErrorMessage(undefined);
    try {
      if (!joined) await request(contracts.joinCommunity, { params: { cid: community.id } });
      selectCommunity(community.id);
      await openPage(ROUTES.me);
    } catch (error) {
      setErrorMessage(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" id={`community-${community.id}`}>
      <View className="row">
        <View className="row__text">
          <Text className="card__value">{community.name}</Text>
          <Text className="card__hint">
            {joined
              ? t('communities.balance', {
                  count: choice.balancePoints ?? 0,
                  currency: currencyOf(community, language),
                })
              : t('communities.currency', { currency: currencyOf(community, language) })}
          </Text>
        </View>
        <SubmitButton
          id={`join-${community.id}`}
          busy={busy}
          className={joined ? 'button button--small button--secondary' : 'button button--small'}
          onClick={enter}
        >
          {joined ? t('communities.select') : t('communities.join')}
        </SubmitButton>
      </View>
      {joined || isCurrent ? (
        <View className="tags">
          {isCurrent ? <Text className="tag">{t('communities.current')}</Text> : null}
          {joined ? <Text className="tag">{t('communities.joined')}</Text> : null}
        </View>
      ) : null}
      {errorMessage ? <Text className="form-error">{errorMessage}</Text> : null}
    </View>
  );
}
