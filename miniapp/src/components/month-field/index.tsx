import { Button, Text, View } from '@tarojs/components';
import { monthOf, shiftMonth } from '../../format/market';
import { useI18n } from '../../i18n';

/** A month chosen with large ‹ › buttons (no typing, no wheel); not beyond the current month. */
export default function MonthField({ value, onChange }: { value: string; onChange: (month: string) => void }) {
  const { t } = useI18n();
  const latest = monthOf(new Date());
  const [year, month] = value.split('-').map(Number) as [number, number];
  return (
    <View className="row month-field" id="month-field">
      <Button
        id="month-previous"
        className="button button--secondary button--small"
        onClick={() => onChange(shiftMonth(value, -1))}
      >
        ‹
      </Button>
      <Text className="card__value month-field__value" id="month-value">
        {t('month.label', { year, month })}
      </Text>
      <Button
        id="month-next"
        className={
          value >= latest
            ? 'button button--secondary button--small button--busy'
            : 'button button--secondary button--small'
        }
        onClick={() => (value < latest ? onChange(shiftMonth(value, 1)) : undefined)}
      >
        ›
      </Button>
    </View>
  );
}
