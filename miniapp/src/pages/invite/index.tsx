import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { contracts } from '@linli/shared';
import { request } from '../../api';
import PageLayout from '../../components/page-layout';
import SubmitButton from '../../components/submit-button';
import { describeError, useI18n } from '../../i18n';
import { ROUTES, restartAt } from '../../routes';
import { pendingInvitation, selectCommunity, useSession } from '../../state/session';
import { useStoredValue } from '../../state/stored-value';

/**
 * Where an invitation's QR code or link lands (`?code=` on H5; the mini-program code's `scene` on
 * weapp). Not logged in: the code is kept and the login comes back here. Accepting joins the
 * community with the invitation's roles and opens it (the office console for staff).
 */
export default function InvitePage() {
  const { t } = useI18n();
  const { params } = useRouter();
  const { loggedIn } = useSession();
  const pending = useStoredValue(pendingInvitation);
  const fromLink = decodeURIComponent(params.code ?? params.scene ?? '');
  const code = fromLink || pending || '';
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const logIn = async () => {
    pendingInvitation.set(code);
    await restartAt(ROUTES.login);
  };

  const accept = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const joined = await request(contracts.acceptInvitation, { params: { code } });
      pendingInvitation.clear();
      selectCommunity(joined.communityId);
      const office = joined.member.roles.some((role) => role === 'staff' || role === 'admin');
      await restartAt(office ? ROUTES.office : ROUTES.me);
    } catch (error) {
      setProblem(describeError(t, error));
      setBusy(false);
    }
  };

  return (
    <PageLayout title="invite.title">
      <View className="card" id="invitation">
        <Text className="card__hint">{code ? t('invite.intro') : t('invite.noCode')}</Text>
        {problem ? (
          <Text className="form-error" id="invitation-error">
            {problem}
          </Text>
        ) : null}
        {!code ? null : loggedIn ? (
          <SubmitButton id="invitation-accept" busy={busy} onClick={accept}>
            {busy ? t('invite.accepting') : t('invite.accept')}
          </SubmitButton>
        ) : (
          <>
            <Text className="card__hint">{t('invite.loginFirst')}</Text>
            <Button className="button" id="invitation-login" onClick={logIn}>
              {t('invite.login')}
            </Button>
          </>
        )}
      </View>
    </PageLayout>
  );
}
