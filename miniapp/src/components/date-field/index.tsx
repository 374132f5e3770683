import { Input, Picker, Text, View } from '@tarojs/components';
import { BROWSER_DATE } from '../date-time-field';
import { accessibleName } from '../accessible-name';

const NATIVE_PICKER = process.env.TARO_ENV === 'weapp';

/**
 * One labelled day, `YYYY-MM-DD`: WeChat's date Picker in the mini-program, the browser's calendar
 * (an input of type `date`, which also takes a typed day) on H5. The id sits on the input (`#id input`).
 */
export default function DateField({
  id,
  label,
  value,
  onChange,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
}) {
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      {NATIVE_PICKER ? (
        <Picker mode="date" value={value} onChange={(event) => onChange(event.detail.value)}>
          <View className="field__input" id={id}>
            {value || '—'}
          </View>
        </Picker>
      ) : (
        <Input
          {...accessibleName(label)}
          id={id}
          type={BROWSER_DATE}
          className="field__input"
          value={value}
          placeholder="2026-01-01"
          maxlength={10}
          onInput={(event) => onChange(event.detail.value)}
        />
      )}
      {hint ? <Text className="card__hint">{hint}</Text> : null}
    </View>
  );
}
