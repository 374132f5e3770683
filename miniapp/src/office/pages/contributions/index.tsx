import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CONTRIBUTION_KINDS, CONTRIBUTOR_TYPES, contracts, type MemberView } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import SubmitButton from '../../../components/submit-button';
import MemberPicker from '../../components/member-picker';
import OfficeLayout from '../../components/office-layout';
import TextField from '../../../components/text-field';
import { parseWholeNumber, parseYuanToFen } from '../../../format/market';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';
import { currencyOf } from '../../../format/points';

type ContributorType = (typeof CONTRIBUTOR_TYPES)[number];
type Kind = (typeof CONTRIBUTION_KINDS)[number];

/** Record a contribution of labour, goods or money by any resident, merchant, organisation or company. */
export default function OfficeContributionsPage() {
  const { language } = useI18n();
  return (
    <OfficeLayout title="office.contributions">
      {({ communityId, me }) => (
        <ContributionForm communityId={communityId} currencyName={currencyOf(me.community, language)} />
      )}
    </OfficeLayout>
  );
}

/** The form as typed: text until it is read on submit. */
interface ContributionInput {
  member: MemberView | undefined;
  contributorType: ContributorType;
  kind: Kind | undefined;
  description: string;
  points: string;
  value: string;
}

const BLANK: ContributionInput = {
  member: undefined,
  contributorType: 'resident',
  kind: undefined,
  description: '',
  points: '',
  value: '',
};

function ContributionForm({ communityId, currencyName }: { communityId: string; currencyName: string }) {
  const { t } = useI18n();
  const [form, setForm] = useState<ContributionInput>(BLANK);
  const action = useAction();
  const set = (change: Partial<ContributionInput>) => setForm((previous) => ({ ...previous, ...change }));

  const record = async () => {
    const { member, contributorType, kind, description } = form;
    const pointsNumber = parseWholeNumber(form.points, 1, 10_000);
    const valueFen = form.value.trim() ? parseYuanToFen(form.value) : undefined;
    if (!member) return action.fail(t('attendance.memberRequired'));
    if (!kind) return action.fail(t('contributions.kindRequired'));
    if (!description.trim()) return action.fail(t('contributions.descriptionRequired'));
    if (pointsNumber === null) return action.fail(t('contributions.pointsInvalid'));
    if (valueFen === null) return action.fail(t('goods.valueInvalid'));
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.recordContribution, {
        params: { cid: communityId },
        body: {
          memberId: member.id,
          contributorType,
          kind,
          description: description.trim(),
          points: pointsNumber,
          ...(valueFen !== undefined ? { valueFen } : {}),
        },
        idempotencyKey,
      });
      return t('contributions.done', { name: member.displayName, points: pointsNumber, currency: currencyName });
    });
    if (done) set({ member: undefined, description: '', points: '', value: '' });
  };

  return (
    <View className="card" id="contribution-form">
      <ContributionFields communityId={communityId} currencyName={currencyName} form={form} onChange={set} />
      <SubmitButton id="contribution-submit" busy={action.busy} onClick={record}>
        {t('contributions.submit')}
      </SubmitButton>
      <ActionOutcome id="contribution" outcome={action.outcome} />
    </View>
  );
}

/** Who gave what: the member, the kind of contributor and of contribution, a description, points and value. */
function ContributionFields({
  communityId,
  currencyName,
  form,
  onChange: set,
}: {
  communityId: string;
  currencyName: string;
  form: ContributionInput;
  onChange: (change: Partial<ContributionInput>) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <MemberPicker communityId={communityId} selected={form.member} onSelect={(member) => set({ member })} />
      <Text className="field__label">{t('contributions.contributorType')}</Text>
      <ChoiceTabs
        idPrefix="contribution-type"
        value={form.contributorType}
        onChange={(contributorType) => set({ contributorType })}
        choices={CONTRIBUTOR_TYPES.map((type) => ({ value: type, label: t(`contributorType.${type}`) }))}
      />
      <Text className="field__label">{t('contributions.kind')}</Text>
      <ChoiceTabs
        idPrefix="contribution-kind"
        value={form.kind}
        onChange={(kind) => set({ kind })}
        choices={CONTRIBUTION_KINDS.map((value) => ({ value, label: t(`contributionKind.${value}`) }))}
      />
      <TextField
        id="contribution-description"
        label={t('contributions.description')}
        placeholder={t('contributions.descriptionPlaceholder')}
        value={form.description}
        maxlength={200}
        onChange={(description) => set({ description })}
      />
      <TextField
        id="contribution-points"
        label={t('contributions.points', { currency: currencyName })}
        value={form.points}
        numeric
        maxlength={5}
        onChange={(points) => set({ points })}
      />
      <TextField
        id="contribution-value"
        label={t('contributions.value')}
        value={form.value}
        placeholder="0.00"
        maxlength={10}
        onChange={(value) => set({ value })}
      />
    </>
  );
}
