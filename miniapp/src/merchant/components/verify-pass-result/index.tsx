import { Text, View } from '@tarojs/components';
import { discountedBillFen, type VerifyPassResponse } from '@linli/shared';
import { formatYuan } from '../../../format/market';
import { formatDateTime } from '../../../format/time';
import { useI18n, type MessageKey } from '../../../i18n';
import { offerText } from '../../../components/merchant-card';

const REASONS = ['expired', 'forged', 'revoked', 'other_community', 'merchant_inactive'] as const;

/** Why a pass was refused, in words for the person at the counter (unknown reasons say "invalid"). */
export function refusalKey(reason: string | undefined): MessageKey {
  return REASONS.includes(reason as (typeof REASONS)[number])
    ? (`verify.reason.${reason as (typeof REASONS)[number]}` as MessageKey)
    : 'verify.reason.other';
}

/**
 * The answer to a scanned certificate pass, readable from across the counter: when valid the holder's
 * name very large (compare it with the person) and the discount to give; when not, why not.
 */
export default function VerifyPassResult({ result, billFen }: { result: VerifyPassResponse; billFen?: number }) {
  const { t, language } = useI18n();
  if (!result.valid) {
    return (
      <View className="card verify-result verify-result--invalid" id="verify-result">
        <Text className="verify-result__verdict" id="verify-verdict">
          ✗ {t('verify.invalid')}
        </Text>
        <Text className="verify-result__reason" id="verify-reason">
          {t(refusalKey(result.reason))}
        </Text>
        <Text className="card__hint">{t('verify.invalidHint')}</Text>
      </View>
    );
  }
  return (
    <View className="card verify-result verify-result--valid" id="verify-result">
      <Text className="verify-result__verdict" id="verify-verdict">
        ✓ {t('verify.valid')}
      </Text>
      <Text className="card__label">{t('verify.holder')}</Text>
      <Text className="verify-result__name" id="verify-holder">
        {result.holder?.displayName ?? ''}
      </Text>
      <Text className="card__hint">{t('verify.compareName')}</Text>
      {result.offer ? (
        <>
          <Text className="verify-result__offer" id="verify-offer">
            {offerText(t, language, result.offer)}
          </Text>
          <Text className="card__hint">{result.offer.description}</Text>
          {billFen !== undefined ? (
            <BillAfterDiscount billFen={billFen} pricePercent={result.offer.pricePercent} />
          ) : null}
        </>
      ) : null}
      {result.use?.flagged ? (
        <Text className="notice" id="verify-flagged">
          {t('verify.flagged')}
        </Text>
      ) : null}
      {result.use ? (
        <Text className="card__hint">{t('verify.recordedAt', { date: formatDateTime(result.use.at, language) })}</Text>
      ) : null}
    </View>
  );
}

/** 账单 ¥100.00 · 应收 ¥80.00 · 优惠 ¥20.00: what to charge, in large type (issue 21). */
function BillAfterDiscount({ billFen, pricePercent }: { billFen: number; pricePercent: number }) {
  const { t } = useI18n();
  const dueFen = discountedBillFen(billFen, pricePercent);
  return (
    <View className="verify-result__bill" id="verify-bill-result">
      <Text className="card__hint">{t('verify.billWas', { amount: formatYuan(billFen) })}</Text>
      <Text className="verify-result__offer" id="verify-bill-due">
        {t('verify.billDue', { amount: formatYuan(dueFen) })}
      </Text>
      <Text className="card__hint">{t('verify.billSaved', { amount: formatYuan(billFen - dueFen) })}</Text>
    </View>
  );
}
