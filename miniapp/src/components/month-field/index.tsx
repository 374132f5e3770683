import { Button, Text, View } from '@tarojs/components';
import { monthOf, shiftMonth } from '../../format/market';
import { useI18n } from '../../i18n';

/**
 * A month chosen with large ‹ › buttons (no typing, no wheel); not before `earliest` (when given)
 * nor beyond `latest` (default: the current month). Ids are `#<idPrefix>-previous` etc. (default `month`).
 */
export default function MonthField({
  value,
  onChange,
  idPrefix = 'month',
  earliest,
  latest = monthOf(new Date()),
}: {
  value: string;
  onChange: (month: string) => void;
  idPrefix?: string;
  earliest?: string;
  latest?: string;
}) {
  const { t } = useI18n();
  const [year, month] = value.split('-').map(Number) as [number, number];
  return (
    <View className="row month-field" id={`${idPrefix}-field`}>
      <Button
        id={`${idPrefix}-previous`}
        className={
          earliest !== undefined && value <= earliest
            ? 'button button--secondary button--small button--busy'
            : 'button button--secondary button--small'
        }
        onClick={() => (earliest === undefined || value > earliest ? onChange(shiftMonth(value, -1)) : undefined)}
      >
        ‹
      </Button>
      <Text className="card__value month-field__value" id={`${idPrefix}-value`}>
        {t('month.label', { year, month })}
      </Text>
      <Button
        id={`${idPrefix}-next`}
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
