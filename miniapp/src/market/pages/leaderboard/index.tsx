import { useState } from 'react';
import { CONTRIBUTION_KINDS, contracts } from '@linli/shared';
import { request, useApi } from '../../../api';
import ChoiceTabs from '../../../components/choice-tabs';
import LeaderboardList from '../../components/leaderboard-list';
import MonthField from '../../../components/month-field';
import PageLayout from '../../../components/page-layout';
import { monthOf } from '../../../format/market';
import { useMe } from '../../../hooks/me';
import { useI18n } from '../../../i18n';
import { currencyOf } from '../../../format/points';

type Kind = (typeof CONTRIBUTION_KINDS)[number] | 'all';
const KINDS: readonly Kind[] = ['all', ...CONTRIBUTION_KINDS];

/** 贡献榜: who contributed most labour, goods or money this month (or another month). */
export default function LeaderboardPage() {
  const { t, language } = useI18n();
  const me = useMe();
  const cid = me.communityId;
  const [month, setMonth] = useState(() => monthOf(new Date()));
  const [kind, setKind] = useState<Kind>('all');
  const board = useApi(me.data ? `leaderboard:${cid}:${month}:${kind}` : null, () =>
    request(contracts.getLeaderboard, {
      params: { cid },
      query: { month, kind: kind === 'all' ? undefined : kind },
    }),
  );

  return (
    <PageLayout
      title="leaderboard.title"
      requires="community"
      loading={me.loading || board.loading}
      error={me.error ?? board.error}
      onRetry={() => {
        me.reload();
        board.reload();
      }}
    >
      <MonthField value={month} onChange={setMonth} />
      <ChoiceTabs
        idPrefix="leaderboard-kind"
        value={kind}
        onChange={setKind}
        choices={KINDS.map((value) => ({ value, label: t(`contributionKind.${value}`) }))}
      />
      {board.data && me.data ? (
        <LeaderboardList
          leaderboard={board.data}
          currencyName={currencyOf(me.data.community, language)}
          myMemberId={me.data.member.id}
        />
      ) : null}
    </PageLayout>
  );
}
