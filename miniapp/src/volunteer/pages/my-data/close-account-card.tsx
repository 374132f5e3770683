import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type OpenObligation } from '@linli/shared';
import { request } from '../../../api';
import { ApiError } from '../../../api/api-error';
import ActionOutcome from '../../../components/action-outcome';
import SubmitButton from '../../../components/submit-button';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';
import { ROUTES, restartAt } from '../../../routes';
import { signOut } from '../../../state/session';

/**
 * 注销账户 (issue 20 item 2; PIPL Art. 47): what closing does, then a second step to confirm (with a
 * way back). Refused while something is open: each one said in words. Closed: signed out, to login.
 */
export default function CloseAccountCard() {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [obligations, setObligations] = useState<OpenObligation[]>([]);
  const action = useAction();

  const close = async () => {
    const done = await action.run(async (idempotencyKey) => {
      try {
        await request(contracts.closeAccount, { body: { confirm: true }, idempotencyKey });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'account.open_obligations') {
          setObligations((error.details as { obligations?: OpenObligation[] } | undefined)?.obligations ?? []);
        }
        throw error;
      }
      return t('closeAccount.done');
    });
    if (done) {
      signOut();
      void restartAt(ROUTES.login);
    }
  };

  return (
    <View className="card my-data" id="close-account">
      <Text className="my-data__heading">{t('closeAccount.title')}</Text>
      <Text className="my-data__text">{t('closeAccount.what')}</Text>
      <Text className="my-data__text">{t('closeAccount.kept')}</Text>
      {confirming ? (
        <>
          <Text className="my-data__text my-data__warning" id="close-account-warning">
            {t('closeAccount.warning')}
          </Text>
          <SubmitButton id="close-account-confirm" busy={action.busy} className="button button--danger" onClick={close}>
            {t('closeAccount.confirm')}
          </SubmitButton>
          <Button id="close-account-cancel" className="button button--secondary" onClick={() => setConfirming(false)}>
            {t('closeAccount.cancel')}
          </Button>
        </>
      ) : (
        <Button id="close-account-start" className="button button--danger" onClick={() => setConfirming(true)}>
          {t('closeAccount.start')}
        </Button>
      )}
      {obligations.map((item) => (
        <Text key={`${item.kind}-${item.id}`} className="my-data__text" id={`close-account-obligation-${item.id}`}>
          · {t(`closeAccount.obligation.${item.kind}`)}
        </Text>
      ))}
      <ActionOutcome id="close-account" outcome={action.outcome} />
    </View>
  );
}
