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

type ContributorType = (typeof CONTRIBUTOR_TYPES)[number];
type Kind = (typeof CONTRIBUTION_KINDS)[number];

/** Record a contribution of labour, goods or money by any resident, merchant, organisation or company. */
export default function OfficeContributionsPage() {
  return (
    <OfficeLayout title="office.contributions">
      {({ communityId, me }) => <ContributionForm communityId={communityId} currencyName={me.community.currencyName} />}
    </OfficeLayout>
  );
}

function ContributionForm({ communityId, currencyName }: { communityId: string; currencyName: string }) {
  const { t } = useI18n();
  const [member, setMember] = useState<MemberView>();
  const [contributorType, setContributorType] = useState<ContributorType>('resident');
  const [kind, setKind] = useState<Kind>();
  const [description, setDescription] = useState('');
  const [points, setPoints] = useState('');
  const [value, setValue] = useState('');
  const action = useAction();

  const record = async () => {
    const pointsNumber = parseWholeNumber(points, 1, 10_000);
    const valueFen = value.trim() ? parseYuanToFen(value) : undefined;
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
    if (done) {
      setMember(undefined);
      setDescription('');
      setPoints('');
      setValue('');
    }
  };

  return (
    <View className="card" id="contribution-form">
      <MemberPicker communityId={communityId} selected={member} onSelect={setMember} />
      <Text className="field__label">{t('contributions.contributorType')}</Text>
      <ChoiceTabs
        idPrefix="contribution-type"
        value={contributorType}
        onChange={setContributorType}
        choices={CONTRIBUTOR_TYPES.map((type) => ({ value: type, label: t(`contributorType.${type}`) }))}
      />
      <Text className="field__label">{t('contributions.kind')}</Text>
      <ChoiceTabs
        idPrefix="contribution-kind"
        value={kind}
        onChange={setKind}
        choices={CONTRIBUTION_KINDS.map((value) => ({ value, label: t(`contributionKind.${value}`) }))}
      />
      <TextField
        id="contribution-description"
        label={t('contributions.description')}
        placeholder={t('contributions.descriptionPlaceholder')}
        value={description}
        maxlength={200}
        onChange={setDescription}
      />
      <TextField
        id="contribution-points"
        label={t('contributions.points', { currency: currencyName })}
        value={points}
        numeric
        maxlength={5}
        onChange={setPoints}
      />
      <TextField
        id="contribution-value"
        label={t('contributions.value')}
        value={value}
        placeholder="0.00"
        maxlength={10}
        onChange={setValue}
      />
      <SubmitButton id="contribution-submit" busy={action.busy} onClick={record}>
        {t('contributions.submit')}
      </SubmitButton>
      <ActionOutcome id="contribution" outcome={action.outcome} />
    </View>
  );
}
