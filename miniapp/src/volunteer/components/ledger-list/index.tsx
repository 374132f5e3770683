import { Text, View } from '@tarojs/components';
import type { LedgerEntry } from '@linli/shared';
import { formatSignedPoints } from '../../../format/points';
import { formatDateTime } from '../../../format/time';
import { useI18n } from '../../../i18n';

/** One movement of my points: what it was, when, and the signed amount (green in, red out). */
export default function LedgerRow({ entry, currency }: { entry: LedgerEntry; currency: string }) {
  const { t, language } = useI18n();
  const direction = entry.amountPoints > 0 ? 'in' : entry.amountPoints < 0 ? 'out' : 'zero';
  return (
    <View className="card ledger-row" id={`ledger-${entry.transferId}`}>
      <View className="row">
        <View className="row__text">
          <Text className="card__value">{t(`ledger.kind.${entry.kind}`)}</Text>
          {entry.memo ? <Text className="ledger-row__memo">{entry.memo}</Text> : null}
          <Text className="card__hint">{formatDateTime(entry.createdAt, language)}</Text>
        </View>
        <View className="ledger-row__side">
          <Text className={`ledger-row__amount ledger-row__amount--${direction}`}>
            {formatSignedPoints(entry.amountPoints)}
          </Text>
          <Text className="card__hint">{currency}</Text>
        </View>
      </View>
    </View>
  );
}
