import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, isValidCreditCode, type FundHolder } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/action';
import { useI18n, type Translate } from '../../../i18n';

interface HolderInput {
  name: string;
  creditCode: string;
  certificateNo: string;
  validFrom: string;
  validUntil: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the form says, as the holder to send, or the first thing to fix. */
export function holderChange(form: HolderInput, t: Translate): { holder: FundHolder } | { problem: string } {
  const name = form.name.trim();
  const creditCode = form.creditCode.trim().toUpperCase();
  const certificateNo = form.certificateNo.trim();
  const [validFrom, validUntil] = [form.validFrom.trim(), form.validUntil.trim()];
  if (!name) return { problem: t('fundHolder.nameRequired') };
  if (!isValidCreditCode(creditCode)) return { problem: t('fundHolder.creditCodeInvalid') };
  if (!DATE.test(validFrom) || !DATE.test(validUntil) || validFrom > validUntil) {
    return { problem: t('fundHolder.datesInvalid') };
  }
  return {
    holder: { name, creditCode, qualification: { ...(certificateNo ? { certificateNo } : {}), validFrom, validUntil } },
  };
}

/**
 * 基金的合法主体 (admins): the charity with public-fundraising qualification the community fund runs
 * under (慈善法). Without one valid today residents cannot donate online; office income still records.
 */
export default function FundHolderForm({ communityId, holder }: { communityId: string; holder?: FundHolder }) {
  const { t } = useI18n();
  const [form, setForm] = useState<HolderInput>({
    name: holder?.name ?? '',
    creditCode: holder?.creditCode ?? '',
    certificateNo: holder?.qualification.certificateNo ?? '',
    validFrom: holder?.qualification.validFrom ?? '',
    validUntil: holder?.qualification.validUntil ?? '',
  });
  const action = useAction();
  const set = (change: Partial<HolderInput>) => setForm((previous) => ({ ...previous, ...change }));
  const save = async () => {
    const outcome = holderChange(form, t);
    if ('problem' in outcome) return action.fail(outcome.problem);
    await action.run(async (idempotencyKey) => {
      await request(contracts.setFundHolder, { params: { cid: communityId }, body: outcome.holder, idempotencyKey });
      return t('fundHolder.saved');
    });
    return undefined;
  };
  const field = (id: keyof HolderInput, label: string, maxlength: number, placeholder?: string) => (
    <TextField
      id={`holder-${id}`}
      label={label}
      value={form[id]}
      placeholder={placeholder}
      maxlength={maxlength}
      onChange={(value) => set({ [id]: value })}
    />
  );
  return (
    <View className="card" id="fund-holder-form">
      <Text className="card__label">{t('fundHolder.formTitle')}</Text>
      <Text className="card__hint">{t('fundHolder.formIntro')}</Text>
      {field('name', t('fundHolder.name'), 60)}
      {field('creditCode', t('fundHolder.creditCodeLabel'), 18)}
      {field('certificateNo', t('fundHolder.certificateNo'), 60)}
      {field('validFrom', t('fundHolder.validFrom'), 10, '2025-01-01')}
      {field('validUntil', t('fundHolder.validUntil'), 10, '2027-12-31')}
      <SubmitButton id="holder-save" busy={action.busy} onClick={save}>
        {t('fundHolder.save')}
      </SubmitButton>
      <ActionOutcome id="holder" outcome={action.outcome} />
    </View>
  );
}
