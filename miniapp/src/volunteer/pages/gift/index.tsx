import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, parseMemberNo, type GiftPointsRequest, type MeResponse } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import PageLayout from '../../../components/page-layout';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { parseWholeNumber } from '../../../format/market';
import { useAction } from '../../../hooks/action';
import { useMe } from '../../../hooks/me';
import { useI18n } from '../../../i18n';
import { currencyOf } from '../../../format/points';

type Recipient = 'member' | 'pool';

/** 赠送积分: give points to a neighbour (by member number) or to the community's 公益积分池. */
export default function GiftPage() {
  const me = useMe();
  return (
    <PageLayout title="gift.title" requires="community" loading={me.loading} error={me.error} onRetry={me.reload}>
      {me.data ? <GiftForm communityId={me.communityId} me={me.data} onGiven={me.reload} /> : null}
    </PageLayout>
  );
}

/** The gift as typed: text until it is read. */
interface GiftInput {
  recipient: Recipient;
  memberId: string;
  points: string;
  memo: string;
}

const BLANK: GiftInput = { recipient: 'member', memberId: '', points: '', memo: '' };

/** Whom the gift is for, as the request names them: the pool, their number as read out (编号 1024), or a member id. */
function recipientOf(form: GiftInput): Pick<GiftPointsRequest, 'toPool' | 'toMemberId' | 'toMemberNo'> {
  if (form.recipient === 'pool') return { toPool: true };
  const typed = form.memberId.trim();
  const memberNo = parseMemberNo(typed);
  return memberNo === null ? { toMemberId: typed } : { toMemberNo: memberNo };
}

/** Why a gift as typed cannot be reviewed (the message's key): no one named, oneself, no whole amount. */
function giftProblem(
  to: ReturnType<typeof recipientOf>,
  me: MeResponse,
  amount: number | null,
): 'gift.memberRequired' | 'gift.notYourself' | 'gift.pointsInvalid' | null {
  if (!to.toPool && !to.toMemberId && to.toMemberNo === undefined) return 'gift.memberRequired';
  if (to.toMemberId === me.member.id || (to.toMemberNo !== undefined && to.toMemberNo === me.member.memberNo))
    return 'gift.notYourself';
  return amount === null ? 'gift.pointsInvalid' : null;
}

function GiftForm({ communityId, me, onGiven }: { communityId: string; me: MeResponse; onGiven: () => void }) {
  const { t, language } = useI18n();
  const [form, setForm] = useState<GiftInput>(BLANK);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const currency = currencyOf(me.community, language);
  const amount = parseWholeNumber(form.points, 1, 100_000);
  const to = recipientOf(form);
  const confirmText = to.toPool
    ? t('gift.confirmPool')
    : t('gift.confirmMember', {
        id: to.toMemberNo === undefined ? (to.toMemberId ?? '') : t('gift.memberNo', { memberNo: to.toMemberNo }),
      });
  const set = (change: Partial<GiftInput>) => setForm((previous) => ({ ...previous, ...change }));

  const review = () => {
    const problem = giftProblem(to, me, amount);
    if (problem) return action.fail(t(problem));
    if (amount !== null && amount > me.balancePoints)
      return action.fail(t('gift.notEnough', { balance: me.balancePoints, currency }));
    action.clear();
    setConfirming(true);
    return undefined;
  };

  const give = async () => {
    if (amount === null) return;
    const memo = form.memo.trim();
    const done = await action.run(async (idempotencyKey) => {
      const answer = await request(contracts.giftPoints, {
        params: { cid: communityId },
        body: {
          ...to,
          points: amount,
          ...(memo ? { memo } : {}),
        },
        idempotencyKey,
      });
      const given = answer.to.kind === 'pool' ? t('gift.pool') : answer.to.displayName;
      return t('gift.done', { points: answer.points, currency, to: given, balance: answer.balancePoints });
    });
    setConfirming(false);
    if (done) {
      set({ points: '', memo: '' });
      onGiven();
    }
  };

  return (
    <View className="card" id="gift-form">
      <Text className="card__hint">{t('gift.balance', { balance: me.balancePoints, currency })}</Text>
      {confirming && amount !== null ? (
        <View className="confirm" id="gift-confirm-panel">
          <Text className="confirm__text">{confirmText}</Text>
          <Text className="gift-amount" id="gift-confirm-amount">
            {amount} {currency}
          </Text>
          <View className="row">
            <Button id="gift-back" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('gift.back')}
            </Button>
            <SubmitButton id="gift-confirm" busy={action.busy} onClick={give}>
              {t('gift.confirm')}
            </SubmitButton>
          </View>
        </View>
      ) : (
        <GiftFields currency={currency} form={form} onChange={set} onNext={review} />
      )}
      <ActionOutcome id="gift" outcome={action.outcome} />
    </View>
  );
}

/** To whom (a member number or the pool), how many points, a memo, and 下一步 to review. */
function GiftFields({
  currency,
  form,
  onChange: set,
  onNext,
}: {
  currency: string;
  form: GiftInput;
  onChange: (change: Partial<GiftInput>) => void;
  onNext: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <Text className="card__label">{t('gift.to')}</Text>
      <ChoiceTabs
        idPrefix="gift-to"
        choices={[
          { value: 'member', label: t('gift.toMember') },
          { value: 'pool', label: t('gift.pool') },
        ]}
        value={form.recipient}
        onChange={(recipient) => set({ recipient })}
      />
      {form.recipient === 'member' ? (
        <TextField
          id="gift-member"
          label={t('gift.memberId')}
          hint={t('gift.memberIdHint')}
          value={form.memberId}
          maxlength={64}
          onChange={(memberId) => set({ memberId })}
        />
      ) : (
        <Text className="card__hint">{t('gift.poolHint')}</Text>
      )}
      <TextField
        id="gift-points"
        label={t('gift.points', { currency })}
        value={form.points}
        numeric
        maxlength={6}
        onChange={(points) => set({ points })}
      />
      <TextField
        id="gift-memo"
        label={t('gift.memo')}
        placeholder={t('gift.memoPlaceholder')}
        value={form.memo}
        maxlength={60}
        onChange={(memo) => set({ memo })}
      />
      <Button id="gift-review" className="button" onClick={onNext}>
        {t('gift.next')}
      </Button>
    </>
  );
}
