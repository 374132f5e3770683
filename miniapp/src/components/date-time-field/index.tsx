import { Input, Picker, Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import { accessibleName } from '../accessible-name';

export interface DateTimeValue {
  date: string;
  time: string;
}

/**
 * WeChat has good native pickers (Picker); in a browser the input's own `date` and `time` types
 * give the browser's calendar and clock, and still take a typed `2025-11-22` and `14:30`.
 */
const NATIVE_PICKERS = process.env.TARO_ENV === 'weapp';

/** Taro's Input passes `type` to the browser's input; its types name only the mini-program's. */
export const BROWSER_DATE = 'date' as never;
const BROWSER_TIME = 'time' as never;

/** A date and a time in the device's time zone, as `YYYY-MM-DD` and `HH:MM`. */
export default function DateTimeField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: DateTimeValue;
  onChange: (value: DateTimeValue) => void;
}) {
  const { t } = useI18n();
  return (
    <View className="field" id={id}>
      <Text className="field__label">{label}</Text>
      <View className="date-time">
        {NATIVE_PICKERS ? (
          <>
            <Picker
              mode="date"
              value={value.date}
              onChange={(event) => onChange({ ...value, date: event.detail.value })}
            >
              <View className="field__input date-time__date">{value.date}</View>
            </Picker>
            <Picker
              mode="time"
              value={value.time}
              onChange={(event) => onChange({ ...value, time: event.detail.value })}
            >
              <View className="field__input date-time__time">{value.time}</View>
            </Picker>
          </>
        ) : (
          <>
            <Input
              {...accessibleName(`${label} ${t('common.date')}`)}
              id={`${id}-date`}
              type={BROWSER_DATE}
              className="field__input date-time__date"
              value={value.date}
              placeholder="2025-11-22"
              maxlength={10}
              onInput={(event) => onChange({ ...value, date: event.detail.value })}
            />
            <Input
              {...accessibleName(`${label} ${t('common.time')}`)}
              id={`${id}-time`}
              type={BROWSER_TIME}
              className="field__input date-time__time"
              value={value.time}
              placeholder="14:30"
              maxlength={5}
              onInput={(event) => onChange({ ...value, time: event.detail.value })}
            />
          </>
        )}
      </View>
    </View>
  );
}
