import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type MakerEarnings } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import EmptyState from '../../../components/empty-state';
import SubmitButton from '../../../components/submit-button';
import OfficeLayout from '../../components/office-layout';
import TextField from '../../../components/text-field';
import { parsePositiveYuan } from '../../../format/fund';
import { formatYuan } from '../../../format/market';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';

type Maker = MakerEarnings & { makerName: string };

/** 手作人结算: each maker's sales, earnings and what was paid out; record a payout made to a maker. */
export default function OfficeMakersPage() {
  return <OfficeLayout title="office.makers">{({ communityId }) => <Makers communityId={communityId} />}</OfficeLayout>;
}

function Makers({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const makers = useApi(`makers:${communityId}`, () => request(contracts.listMakers, { params: { cid: communityId } }));
  if (makers.loading) return <Text className="card__hint">{t('common.loading')}</Text>;
  if (makers.error) return <Text className="form-error">{t('makers.unavailable')}</Text>;
  return (
    <View className="list" id="makers-list">
      {makers.data?.items.length === 0 ? <EmptyState id="makers-empty" title={t('makers.empty')} /> : null}
      {makers.data?.items.map((maker) => (
        <MakerCard key={maker.makerId} communityId={communityId} maker={maker} onPaid={makers.reload} />
      ))}
    </View>
  );
}

function MakerCard({ communityId, maker, onPaid }: { communityId: string; maker: Maker; onPaid: () => void }) {
  const { t } = useI18n();
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const action = useAction();
  const prefix = `payout-${maker.makerId}`;
  const record = async () => {
    const amountFen = parsePositiveYuan(amount);
    if (amountFen === null) return action.fail(t('makers.amountInvalid'));
    if (!note.trim()) return action.fail(t('makers.noteRequired'));
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.recordPayout, {
        params: { cid: communityId, memberId: maker.makerId },
        body: { amountFen, note: note.trim() },
        idempotencyKey,
      });
      return t('makers.paid', { amount: formatYuan(amountFen), name: maker.makerName });
    });
    if (done) {
      setAmount('');
      setNote('');
      onPaid();
    }
  };
  return (
    <View className="card maker" id={`maker-${maker.makerId}`}>
      <Text className="card__value">{maker.makerName}</Text>
      <Text className="card__hint">
        {t('makers.summary', {
          count: maker.salesCount,
          sales: formatYuan(maker.salesFen),
          earnings: formatYuan(maker.earningsFen),
          paid: formatYuan(maker.paidOutFen),
        })}
      </Text>
      <Text className="points">{t('makers.owed', { amount: formatYuan(maker.owedFen) })}</Text>
      {maker.debtFen > 0 ? (
        <Text className="card__hint" id={`${prefix}-debt`}>
          {t('makers.debt', { amount: formatYuan(maker.debtFen) })}
        </Text>
      ) : null}
      <TextField
        id={`${prefix}-amount`}
        label={t('makers.amount')}
        value={amount}
        maxlength={10}
        onChange={setAmount}
      />
      <TextField id={`${prefix}-note`} label={t('makers.note')} value={note} maxlength={200} onChange={setNote} />
      <SubmitButton id={`${prefix}-submit`} busy={action.busy} onClick={record}>
        {t('makers.record')}
      </SubmitButton>
      <ActionOutcome id={prefix} outcome={action.outcome} />
    </View>
  );
}
