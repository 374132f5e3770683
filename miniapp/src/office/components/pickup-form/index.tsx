import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type Redemption } from '@linli/shared';
import { request } from '../../../api';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';
import ActionOutcome from '../../../components/action-outcome';
import SubmitButton from '../../../components/submit-button';
import { accessibleName } from '../../../components/accessible-name';

/**
 * Hand over one reserved redemption: staff type the 6-digit code the resident shows; the server
 * checks it, so a wrong code hands nothing over.
 */
export default function PickupForm({
  communityId,
  redemption,
  onHandedOver,
}: {
  communityId: string;
  redemption: Redemption;
  onHandedOver?: (redemption: Redemption) => void;
}) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const action = useAction();
  const prefix = `pickup-${redemption.id}`;

  const submit = () => {
    if (!/^\d{6}$/.test(code)) {
      action.fail(t('pickup.codeRequired'));
      return;
    }
    void action.run(async (idempotencyKey) => {
      const handed = await request(contracts.pickupRedemption, {
        params: { cid: communityId, redemptionId: redemption.id },
        body: { pickupCode: code },
        idempotencyKey,
      });
      onHandedOver?.(handed);
      return t('pickup.done', { name: handed.memberName, good: handed.goodName, quantity: handed.quantity });
    });
  };

  if (action.outcome?.ok) return <ActionOutcome id={prefix} outcome={action.outcome} />;
  return (
    <View className="field pickup-form" id={prefix}>
      <Text className="field__label">{t('pickup.codeLabel')}</Text>
      <Input
        {...accessibleName(t('pickup.codeLabel'))}
        id={`${prefix}-code`}
        className="field__input code-input pickup-form__code"
        type="number"
        value={code}
        placeholder="000000"
        maxlength={6}
        onInput={(event) => setCode(event.detail.value.replace(/\D/g, '').slice(0, 6))}
        onConfirm={submit}
      />
      <SubmitButton id={`${prefix}-submit`} busy={action.busy} className="button pickup-form__submit" onClick={submit}>
        {t('pickup.submit')}
      </SubmitButton>
      <ActionOutcome id={prefix} outcome={action.outcome} />
    </View>
  );
}
