import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import CheckRow from '../../../components/check-row';
import ChoiceTabs from '../../../components/choice-tabs';
import SubmitButton from '../../../components/submit-button';
import OfficeLayout from '../../components/office-layout';
import TextField from '../../../components/text-field';
import { formatSignedYuan, parsePositiveYuan } from '../../../format/fund';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';

type IncomeKind = 'donation' | 'stall';

/** 基金收入: money the office received in person — a charity stall's proceeds or a cash donation. */
export default function OfficeFundIncomePage() {
  return (
    <OfficeLayout title="office.fundIncome">
      {({ communityId }) => <IncomeForm communityId={communityId} />}
    </OfficeLayout>
  );
}

function IncomeForm({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<IncomeKind>('stall');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [donorName, setDonorName] = useState('');
  const [publishName, setPublishName] = useState(false);
  const action = useAction();

  const record = async () => {
    const amountFen = parsePositiveYuan(amount);
    if (amountFen === null) return action.fail(t('donate.amountInvalid'));
    if (!description.trim()) return action.fail(t('fundIncome.descriptionRequired'));
    const donor = donorName.trim();
    const done = await action.run(async (idempotencyKey) => {
      const entry = await request(contracts.recordFundIncome, {
        params: { cid: communityId },
        body: { kind, amountFen, description: description.trim(), publishName, ...(donor ? { donorName: donor } : {}) },
        idempotencyKey,
      });
      return t('fundIncome.recorded', { amount: formatSignedYuan(entry.amountFen), sequence: entry.sequence });
    });
    if (done) {
      setAmount('');
      setDescription('');
      setDonorName('');
    }
  };

  return (
    <View className="card" id="fund-income-form">
      <Text className="card__label">{t('fundIncome.kind')}</Text>
      <ChoiceTabs
        idPrefix="fund-income-kind"
        choices={[
          { value: 'stall', label: t('fund.kind.stall') },
          { value: 'donation', label: t('fund.kind.donation') },
        ]}
        value={kind}
        onChange={setKind}
      />
      <TextField
        id="fund-income-amount"
        label={t('donate.amount')}
        value={amount}
        maxlength={10}
        onChange={setAmount}
      />
      <TextField
        id="fund-income-description"
        label={t('fundIncome.description')}
        placeholder={t('fundIncome.descriptionPlaceholder')}
        value={description}
        maxlength={200}
        onChange={setDescription}
      />
      <DonorFields name={donorName} onName={setDonorName} publish={publishName} onPublish={setPublishName} />
      <SubmitButton id="fund-income-submit" busy={action.busy} onClick={record}>
        {t('fundIncome.submit')}
      </SubmitButton>
      <ActionOutcome id="fund-income" outcome={action.outcome} />
    </View>
  );
}

/** Who gave (kept in the audit log) and whether they agreed, there and then, to be named publicly. */
function DonorFields(props: {
  name: string;
  onName: (name: string) => void;
  publish: boolean;
  onPublish: (publish: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        id="fund-income-donor"
        label={t('fundIncome.donor')}
        value={props.name}
        maxlength={40}
        onChange={props.onName}
      />
      <CheckRow
        id="fund-income-publish-name"
        label={t('fundIncome.publishName')}
        checked={props.publish}
        onChange={props.onPublish}
      />
    </>
  );
}
