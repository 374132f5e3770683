import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useI18n } from '../../../i18n';
import SubmitButton from '../../../components/submit-button';
import { accessibleName } from '../../../components/accessible-name';

export interface ReasonPromptProps {
  id: string;
  /** The button that opens the prompt, and the confirm button inside it. */
  label: string;
  placeholder: string;
  /** Red for refusals and removals; green otherwise. */
  danger?: boolean;
  busy?: boolean;
  onConfirm: (reason: string) => void;
}

/**
 * A decision that needs a reason (reject, warn, take down): one button opens a reason box with
 * confirm and cancel, and confirm is refused until a reason is typed.
 */
export default function ReasonPrompt({ id, label, placeholder, danger, busy = false, onConfirm }: ReasonPromptProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const buttonClass = danger ? 'button button--danger' : 'button button--secondary';

  if (!open) {
    return (
      <Button id={id} className={buttonClass} onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  }
  const confirm = () => {
    const trimmed = reason.trim();
    setMissing(trimmed === '');
    if (trimmed !== '') onConfirm(trimmed);
  };
  return (
    <View className="field reason-prompt" id={`${id}-prompt`}>
      <Input
        {...accessibleName(placeholder)}
        id={`${id}-reason`}
        className="field__input"
        value={reason}
        placeholder={placeholder}
        maxlength={200}
        onInput={(event) => setReason(event.detail.value)}
      />
      {missing ? <Text className="form-error">{t('common.reasonRequired')}</Text> : null}
      <View className="row">
        <Button className="button button--secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
        <SubmitButton id={`${id}-confirm`} busy={busy} className={buttonClass} onClick={confirm}>
          {label}
        </SubmitButton>
      </View>
    </View>
  );
}
