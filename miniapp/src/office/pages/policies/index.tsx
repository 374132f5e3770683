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
import { currencyOf } from '../../../format/points';

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

/** The rules as typed: text until they are read on save. */
interface PolicyInput {
  mode: ExpiryMode;
  months: string;
  noticeDays: string;
  cap: string;
}

/** The form filled in with the community's rules as they stand. */
function policyInput(rules: CommunityRules): PolicyInput {
  const expiry = rules.pointsExpiry ?? { mode: 'none' as const };
  return {
    mode: expiry.mode,
    months: expiry.mode === 'after_months' ? String(expiry.months) : '12',
    noticeDays: String(rules.expiryNoticeDays ?? 30),
    cap: String(rules.monthlyCapPoints ?? 0),
  };
}

function PoliciesForm({ communityId, community }: { communityId: string; community: Community }) {
  const { t, language } = useI18n();
  const [form, setForm] = useState(() => policyInput(community.rules));
  const action = useAction();
  const currency = currencyOf(community, language);
  const set = (change: Partial<PolicyInput>) => setForm((previous) => ({ ...previous, ...change }));

  const save = async () => {
    const { mode } = form;
    const monthsValue = parseWholeNumber(form.months, 1, 120);
    const noticeValue = parseWholeNumber(form.noticeDays, 0, 90);
    const capValue = parseWholeNumber(form.cap, 0, 1_000_000);
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
      <ExpiryFields currency={currency} form={form} onChange={set} />
      <TextField
        id="policies-cap"
        label={t('policies.cap', { currency })}
        hint={t('policies.capHint')}
        value={form.cap}
        numeric
        maxlength={7}
        onChange={(cap) => set({ cap })}
      />
      <SubmitButton id="policies-save" busy={action.busy} onClick={save}>
        {t('policies.save')}
      </SubmitButton>
      <ActionOutcome id="policies" outcome={action.outcome} />
    </View>
  );
}

/** When points lapse (never, after some months, at the year's end) and how many days ahead members are told. */
function ExpiryFields({
  currency,
  form,
  onChange: set,
}: {
  currency: string;
  form: PolicyInput;
  onChange: (change: Partial<PolicyInput>) => void;
}) {
  const { t } = useI18n();
  const { mode } = form;
  return (
    <>
      <Text className="card__label">{t('policies.expiry', { currency })}</Text>
      <ChoiceTabs
        idPrefix="policies-expiry"
        choices={[
          { value: 'none', label: t('policies.expiry.none') },
          { value: 'after_months', label: t('policies.expiry.after_months') },
          { value: 'year_end', label: t('policies.expiry.year_end') },
        ]}
        value={mode}
        onChange={(next) => set({ mode: next })}
      />
      <Text className="card__hint" id="policies-expiry-hint">
        {t(`policies.expiryHint.${mode}`)}
      </Text>
      {mode === 'after_months' ? (
        <TextField
          id="policies-months"
          label={t('policies.months')}
          value={form.months}
          numeric
          maxlength={3}
          onChange={(months) => set({ months })}
        />
      ) : null}
      {mode !== 'none' ? (
        <TextField
          id="policies-notice"
          label={t('policies.noticeDays')}
          hint={t('policies.noticeHint')}
          value={form.noticeDays}
          numeric
          maxlength={2}
          onChange={(noticeDays) => set({ noticeDays })}
        />
      ) : null}
    </>
  );
}
