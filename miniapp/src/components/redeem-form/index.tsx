import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type Good, type Redemption } from '@linli/shared';
import { request } from '../../api';
import { useAction } from '../../hooks/action';
import { useSubscribeMessages } from '../../hooks/subscribe-messages';
import { useI18n } from '../../i18n';
import ActionOutcome from '../action-outcome';
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
  const most = Math.max(1, Math.min(good.stock, MAX_QUANTITY));
  const total = quantity * good.pricePoints;

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
        <View className="redeem__done">
          <ActionOutcome id={prefix} outcome={action.outcome} />
          <Text className="card__label">{t('redeem.pickupCode')}</Text>
          <Text className="pickup-code" id={`${prefix}-code`}>
            {redemption.pickupCode}
          </Text>
          <Text className="card__hint">{t('redeem.pickupHint')}</Text>
        </View>
      ) : confirming ? (
        <View className="confirm" id={`${prefix}-confirm-panel`}>
          <Text className="confirm__text" id={`${prefix}-total`}>
            {t('redeem.confirmText', { name: good.name, quantity, total, currency: currencyName })}
          </Text>
          <View className="row">
            <Button className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <SubmitButton
              id={`${prefix}-confirm`}
              busy={action.busy}
              className="button redeem__confirm"
              onClick={redeem}
            >
              {t('redeem.confirm')}
            </SubmitButton>
          </View>
          <ActionOutcome id={prefix} outcome={action.outcome} />
        </View>
      ) : (
        <View className="row">
          <View className="stepper">
            <Button
              id={`${prefix}-less`}
              className="stepper__button"
              onClick={() => setQuantity((count) => Math.max(1, count - 1))}
            >
              −
            </Button>
            <Text className="stepper__value" id={`${prefix}-quantity`}>
              {quantity}
            </Text>
            <Button
              id={`${prefix}-more`}
              className="stepper__button"
              onClick={() => setQuantity((count) => Math.min(most, count + 1))}
            >
              +
            </Button>
          </View>
          <Button
            id={`${prefix}-open`}
            className="button button--small redeem__open"
            onClick={() => {
              action.clear();
              setConfirming(true);
            }}
          >
            {t('redeem.action')}
          </Button>
        </View>
      )}
    </View>
  );
}
