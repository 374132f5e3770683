import { Text, View } from '@tarojs/components';
import MonthField from '../../../components/month-field';
import { useI18n } from '../../../i18n';
import './index.scss';

export interface MonthRangeValue {
  /** `2026-01` */
  from: string;
  /** `2026-12`, not before `from`. */
  to: string;
}

/** 从…到…: a range of months for the statistics pages, the two ends side by side on an office PC. */
export default function MonthRange(props: {
  id: string;
  range: MonthRangeValue;
  onChange: (range: MonthRangeValue) => void;
}) {
  const { t } = useI18n();
  const { range, onChange } = props;
  return (
    <View className="card range-grid" id={props.id}>
      <View className="range-grid__end">
        <Text className="card__label">{t('dashboard.from')}</Text>
        <MonthField
          idPrefix="range-from"
          value={range.from}
          latest={range.to}
          onChange={(from) => onChange({ ...range, from })}
        />
      </View>
      <View className="range-grid__end">
        <Text className="card__label">{t('dashboard.to')}</Text>
        <MonthField
          idPrefix="range-to"
          value={range.to}
          earliest={range.from}
          onChange={(to) => onChange({ ...range, to })}
        />
      </View>
    </View>
  );
}
