import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type Good, type Redemption } from '@linli/shared';
import { request } from '../../api';
import { useAction, type Outcome } from '../../hooks/action';
import { useSubscribeMessages } from '../../hooks/subscribe-messages';
import { useI18n } from '../../i18n';
import ActionOutcome from '../action-outcome';
import QuantityStepper from '../quantity-stepper';
import SubmitButton from '../submit-button';

/** At most this many of one good in one redemption (the API's limit). */
export const MAX_QUANTITY = 20;

/**
 * 兑换 one supermarket good: choose how many with large − / + buttons, press 兑换, read the
 * total in a confirmation, confirm. The answer is the pickup code, or why not (sold out, not enough points).
 */
export default function RedeemForm({
  communityId,
  good,
  currencyName,
  onRedeemed,
}: {
  communityId: string;
  good: Good;
  currencyName: string;
  onRedeemed?: (redemption: Redemption) => void;
}) {
  const { t } = useI18n();
  const [quantity, setQuantity] = useState(1);
  const [confirming, setConfirming] = useState(false);
  const [redemption, setRedemption] = useState<Redemption>();
  const action = useAction();
  const askToNotify = useSubscribeMessages();
  const prefix = `redeem-${good.id}`;

  const redeem = () => {
    askToNotify(['redemption_ready']);
    return action.run(async (idempotencyKey) => {
      const answer = await request(contracts.redeem, {
        params: { cid: communityId },
        body: { goodId: good.id, quantity },
        idempotencyKey,
      });
      setRedemption(answer);
      setConfirming(false);
      onRedeemed?.(answer);
      return t('redeem.done', { name: good.name, quantity });
    });
  };

  if (good.stock === 0 && !redemption) return null;

  return (
    <View className="redeem" id={prefix}>
      {redemption ? (
        <PickupCode prefix={prefix} redemption={redemption} outcome={action.outcome} />
      ) : confirming ? (
        <ConfirmRedemption
          prefix={prefix}
          text={t('redeem.confirmText', {
            name: good.name,
            quantity,
            total: quantity * good.pricePoints,
            currency: currencyName,
          })}
          busy={action.busy}
          outcome={action.outcome}
          onCancel={() => setConfirming(false)}
          onConfirm={redeem}
        />
      ) : (
        <ChooseQuantity
          prefix={prefix}
          quantity={quantity}
          most={Math.min(good.stock, MAX_QUANTITY)}
          onChange={setQuantity}
          onRedeem={() => {
            action.clear();
            setConfirming(true);
          }}
        />
      )}
    </View>
  );
}

/** How many, with large − / + buttons, and 兑换 (`#<prefix>-open`), which asks to confirm. */
function ChooseQuantity({
  prefix,
  quantity,
  most,
  onChange,
  onRedeem,
}: {
  prefix: string;
  quantity: number;
  most: number;
  onChange: (quantity: number) => void;
  onRedeem: () => void;
}) {
  const { t } = useI18n();
  return (
    <View className="row">
      <QuantityStepper id={prefix} value={quantity} most={most} onChange={onChange} />
      <Button id={`${prefix}-open`} className="button button--small redeem__open" onClick={onRedeem}>
        {t('redeem.action')}
      </Button>
    </View>
  );
}

/** The answer of a redemption that worked: the pickup code to show at the supermarket. */
function PickupCode({
  prefix,
  redemption,
  outcome,
}: {
  prefix: string;
  redemption: Redemption;
  outcome: Outcome | undefined;
}) {
  const { t } = useI18n();
  return (
    <View className="redeem__done">
      <ActionOutcome id={prefix} outcome={outcome} />
      <Text className="card__label">{t('redeem.pickupCode')}</Text>
      <Text className="pickup-code" id={`${prefix}-code`}>
        {redemption.pickupCode}
      </Text>
      <Text className="card__hint">{t('redeem.pickupHint')}</Text>
    </View>
  );
}

/** "兑换 2 件，共 4 积分？" with cancel and confirm (`#<prefix>-confirm`), and why it failed if it did. */
function ConfirmRedemption({
  prefix,
  text,
  busy,
  outcome,
  onCancel,
  onConfirm,
}: {
  prefix: string;
  text: string;
  busy: boolean;
  outcome: Outcome | undefined;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <View className="confirm" id={`${prefix}-confirm-panel`}>
      <Text className="confirm__text" id={`${prefix}-total`}>
        {text}
      </Text>
      <View className="row">
        <Button className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <SubmitButton id={`${prefix}-confirm`} busy={busy} className="button redeem__confirm" onClick={onConfirm}>
          {t('redeem.confirm')}
        </SubmitButton>
      </View>
      <ActionOutcome id={prefix} outcome={outcome} />
    </View>
  );
}
