import { Text, View } from '@tarojs/components';
import type { FundHolder } from '@linli/shared';
import { useI18n } from '../../i18n';

/**
 * The charity the fund runs under (慈善法: it, not the community office, raises donations from the
 * public): its name, 统一社会信用代码 and public-fundraising qualification with its validity — or,
 * without one valid today, why online donations are closed.
 */
export default function FundHolderCard({ holder, open }: { holder: FundHolder | null; open: boolean }) {
  const { t } = useI18n();
  if (!holder) {
    return (
      <View className="card fund-holder" id="fund-holder">
        <Text className="card__label">{t('fundHolder.title')}</Text>
        <Text className="notice" id="fund-holder-none">
          {t('fundHolder.none')}
        </Text>
      </View>
    );
  }
  const { qualification } = holder;
  return (
    <View className="card fund-holder" id="fund-holder">
      <Text className="card__label">{t('fundHolder.title')}</Text>
      <Text className="card__value" id="fund-holder-name">
        {holder.name}
      </Text>
      <Text className="card__hint" id="fund-holder-code" userSelect>
        {t('fundHolder.creditCode', { code: holder.creditCode })}
      </Text>
      <Text className="card__hint" id="fund-holder-qualification">
        {t('fundHolder.qualification', { from: qualification.validFrom, until: qualification.validUntil })}
        {qualification.certificateNo ? ` · ${qualification.certificateNo}` : ''}
      </Text>
      {open ? null : (
        <Text className="notice" id="fund-holder-closed">
          {t('fundHolder.notValid')}
        </Text>
      )}
    </View>
  );
}
