import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type Community, type CommunityRules } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import EmptyState from '../../../components/empty-state';
import SubmitButton from '../../../components/submit-button';
import OfficeLayout from '../../components/office-layout';
import TextField from '../../../components/text-field';
import { parseWholeNumber } from '../../../format/market';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';

type ExpiryMode = NonNullable<CommunityRules['pointsExpiry']>['mode'];

/** 积分规则: when points lapse, how early members are told, and the monthly earning cap; admins only. */
export default function OfficePoliciesPage() {
  const { t } = useI18n();
  return (
    <OfficeLayout title="office.policies">
      {({ communityId, me }) =>
        me.member.roles.includes('admin') ? (
          <PoliciesForm communityId={communityId} community={me.community} />
        ) : (
          <EmptyState id="policies-admin-only" title={t('office.adminOnly')} hint={t('office.adminOnlyHint')} />
        )
      }
    </OfficeLayout>
  );
}

function PoliciesForm({ communityId, community }: { communityId: string; community: Community }) {
  const { t } = useI18n();
  const rules = community.rules;
  const expiry = rules.pointsExpiry ?? { mode: 'none' as const };
  const [mode, setMode] = useState<ExpiryMode>(expiry.mode);
  const [months, setMonths] = useState(expiry.mode === 'after_months' ? String(expiry.months) : '12');
  const [noticeDays, setNoticeDays] = useState(String(rules.expiryNoticeDays ?? 30));
  const [cap, setCap] = useState(String(rules.monthlyCapPoints ?? 0));
  const action = useAction();
  const currency = community.currencyName;

  const save = async () => {
    const monthsValue = parseWholeNumber(months, 1, 120);
    const noticeValue = parseWholeNumber(noticeDays, 0, 90);
    const capValue = parseWholeNumber(cap, 0, 1_000_000);
    if (mode === 'after_months' && monthsValue === null) return action.fail(t('policies.monthsInvalid'));
    if (noticeValue === null) return action.fail(t('policies.noticeInvalid'));
    if (capValue === null) return action.fail(t('policies.capInvalid'));
    const pointsExpiry: CommunityRules['pointsExpiry'] =
      mode === 'after_months' ? { mode, months: monthsValue ?? 12 } : { mode };
    await action.run(async (idempotencyKey) => {
      await request(contracts.updateCommunity, {
        params: { cid: communityId },
        body: { rules: { pointsExpiry, expiryNoticeDays: noticeValue, monthlyCapPoints: capValue } },
        idempotencyKey,
      });
      return t('policies.saved');
    });
  };

  return (
    <View className="card" id="policies-form">
      <Text className="card__label">{t('policies.expiry', { currency })}</Text>
      <ChoiceTabs
        idPrefix="policies-expiry"
        choices={[
          { value: 'none', label: t('policies.expiry.none') },
          { value: 'after_months', label: t('policies.expiry.after_months') },
          { value: 'year_end', label: t('policies.expiry.year_end') },
        ]}
        value={mode}
        onChange={setMode}
      />
      <Text className="card__hint" id="policies-expiry-hint">
        {t(`policies.expiryHint.${mode}`)}
      </Text>
      {mode === 'after_months' ? (
        <TextField
          id="policies-months"
          label={t('policies.months')}
          value={months}
          numeric
          maxlength={3}
          onChange={setMonths}
        />
      ) : null}
      {mode !== 'none' ? (
        <TextField
          id="policies-notice"
          label={t('policies.noticeDays')}
          hint={t('policies.noticeHint')}
          value={noticeDays}
          numeric
          maxlength={2}
          onChange={setNoticeDays}
        />
      ) : null}
      <TextField
        id="policies-cap"
        label={t('policies.cap', { currency })}
        hint={t('policies.capHint')}
        value={cap}
        numeric
        maxlength={7}
        onChange={setCap}
      />
      <SubmitButton id="policies-save" busy={action.busy} onClick={save}>
        {t('policies.save')}
      </SubmitButton>
      <ActionOutcome id="policies" outcome={action.outcome} />
    </View>
  );
}
