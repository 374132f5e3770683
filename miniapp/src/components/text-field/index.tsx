import { Input, Text, Textarea, View } from '@tarojs/components';
import { accessibleName } from '../accessible-name';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  maxlength?: number;
  /** Digits only (a numeric keyboard on the phone). */
  numeric?: boolean;
  /** Several lines (descriptions, post bodies). */
  multiline?: boolean;
  hint?: string;
}

/** One labelled form field with a large input; the id sits on the input (`#id input` on H5). */
export default function TextField({
  id,
  label,
  value,
  onChange,
  placeholder,
  maxlength,
  numeric,
  multiline,
  hint,
}: TextFieldProps) {
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      {multiline ? (
        <Textarea
          {...accessibleName(label)}
          id={id}
          className="field__input field__textarea"
          value={value}
          placeholder={placeholder}
          maxlength={maxlength}
          onInput={(event) => onChange(event.detail.value)}
        />
      ) : (
        <Input
          {...accessibleName(label)}
          id={id}
          className="field__input"
          type={numeric ? 'digit' : 'text'}
          value={value}
          placeholder={placeholder}
          maxlength={maxlength}
          onInput={(event) => onChange(event.detail.value)}
        />
      )}
      {hint ? <Text className="card__hint">{hint}</Text> : null}
    </View>
  );
}
