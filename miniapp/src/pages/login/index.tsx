import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type LoginResponse } from '@linli/shared';
import { ApiError, request } from '../../api';
import PageLayout from '../../components/page-layout';
import SubmitButton from '../../components/submit-button';
import { loginReturn, pendingInvitation, signIn } from '../../state/session';
import { useStoredValue } from '../../state/stored-value';
import { expectConsentRecording, recordPrivacyConsent } from '../../state/privacy';
import { isMessageKey, useI18n } from '../../i18n';
import { ROUTES, openPage, restartAt, restartAtUrl } from '../../routes';
import { accessibleName, checkboxSemantics } from '../../components/accessible-name';

const DEV_LOGIN_AVAILABLE = process.env.TARO_ENV === 'h5' && LINLI_STAGE === 'dev';
const WECHAT_LOGIN_AVAILABLE = process.env.TARO_ENV === 'weapp';

export default function LoginPage() {
  const { t } = useI18n();
  const [agreed, setAgreed] = useState(false);
  const ended = useStoredValue(loginReturn);
  const reasonKey = ended ? `error.${ended.reason}` : null;
  return (
    <PageLayout title="login.title">
      {ended ? (
        <View className="notice" id="login-reason">
          <Text>{reasonKey && isMessageKey(reasonKey) ? t(reasonKey) : t('error.unauthorized')}</Text>
          <Text className="card__hint">{t('login.returnHint')}</Text>
        </View>
      ) : null}
      <View className="card">
        <Text className="card__value">{t('login.welcome')}</Text>
        <Text className="card__hint">{t('login.wechatHint')}</Text>
      </View>
      <PrivacyAgreement agreed={agreed} onChange={setAgreed} />
      {WECHAT_LOGIN_AVAILABLE ? <WechatLogin agreed={agreed} /> : null}
      {DEV_LOGIN_AVAILABLE ? <DevLogin agreed={agreed} /> : null}
      {!WECHAT_LOGIN_AVAILABLE && !DEV_LOGIN_AVAILABLE ? (
        <Text className="notice">{t('login.unavailable')}</Text>
      ) : null}
    </PageLayout>
  );
}

/**
 * 我已阅读并同意《隐私保护指引》: a tick the user must give before logging in (PIPL Art. 14: consent
 * given by a clear act, on the guide shown); the link opens the guide. `#login-agree` is the box.
 */
function PrivacyAgreement({ agreed, onChange }: { agreed: boolean; onChange: (agreed: boolean) => void }) {
  const { t } = useI18n();
  return (
    <View className="card">
      <View className="row check-row">
        <Button
          id="login-agree"
          className={agreed ? 'check check--on' : 'check'}
          {...checkboxSemantics(agreed, `${t('privacy.agreePrefix')}${t('privacy.guideLink')}`)}
          onClick={() => onChange(!agreed)}
        >
          {agreed ? '✓' : ''}
        </Button>
        <Text className="row__text" onClick={() => onChange(!agreed)}>
          {t('privacy.agreePrefix')}
        </Text>
        <Text className="link" id="login-privacy-link" onClick={() => void openPage(ROUTES.privacy)}>
          {t('privacy.guideLink')}
        </Text>
      </View>
    </View>
  );
}

/**
 * Runs one login call once the guide is agreed to, records that agreement for the new session, then
 * starts over at the community chooser.
 */
function useLogin(agreed: boolean) {
  const { t } = useI18n();
  const [submitting, setSubmitting] = useState(false);
  const [errorMessage, setErrorMessage] = useState<string>();
  const run = async (login: () => Promise<LoginResponse>) => {
    if (submitting) return;
    if (!agreed) return setErrorMessage(t('privacy.mustAgree'));
    setSubmitting(true);
    setErrorMessage(undefined);
    try {
      const session = await login();
      expectConsentRecording(session.token);
      const back = signIn(session);
      await recordPrivacyConsent();
      // The same person whose session ended: back where they were. From an invitation: back to it, to accept it.
      if (back) await restartAtUrl(back);
      else await restartAt(pendingInvitation.get() ? ROUTES.invite : ROUTES.communities);
    } catch (error) {
      setErrorMessage(error instanceof ApiError ? error.message : String(error));
      setSubmitting(false);
    }
  };
  return { submitting, errorMessage, run };
}

function WechatLogin({ agreed }: { agreed: boolean }) {
  const { t } = useI18n();
  const { submitting, errorMessage, run } = useLogin(agreed);
  const loginWithWechat = () =>
    run(async () => {
      const { code } = await Taro.login();
      return request(contracts.wechatLogin, { body: { code } });
    });
  return (
    <View className="card">
      <SubmitButton id="login-wechat" busy={submitting} onClick={loginWithWechat}>
        {submitting ? t('login.submitting') : t('login.wechat')}
      </SubmitButton>
      {errorMessage ? <Text className="form-error">{errorMessage}</Text> : null}
    </View>
  );
}

function DevLogin({ agreed }: { agreed: boolean }) {
  const { t } = useI18n();
  const [openid, setOpenid] = useState('');
  const [nickname, setNickname] = useState('');
  const [missingOpenid, setMissingOpenid] = useState(false);
  const { submitting, errorMessage, run } = useLogin(agreed);

  const submit = () => {
    const trimmedOpenid = openid.trim();
    setMissingOpenid(trimmedOpenid === '');
    if (trimmedOpenid === '' || submitting) return;
    const trimmedNickname = nickname.trim();
    void run(() =>
      request(contracts.devLogin, {
        body: trimmedNickname ? { openid: trimmedOpenid, nickname: trimmedNickname } : { openid: trimmedOpenid },
      }),
    );
  };

  return (
    <View className="card" id="dev-login">
      <Text className="notice" id="dev-login-note">
        {t('login.devNote')}
      </Text>
      <View className="field">
        <Text className="field__label">{t('login.openid')}</Text>
        <Input
          {...accessibleName(t('login.openid'))}
          id="login-openid"
          className="field__input"
          value={openid}
          placeholder={t('login.openidPlaceholder')}
          maxlength={64}
          onInput={(event) => setOpenid(event.detail.value)}
          onConfirm={submit}
        />
      </View>
      <View className="field">
        <Text className="field__label">{t('login.nickname')}</Text>
        <Input
          {...accessibleName(t('login.nickname'))}
          id="login-nickname"
          className="field__input"
          value={nickname}
          placeholder={t('login.nicknamePlaceholder')}
          maxlength={32}
          onInput={(event) => setNickname(event.detail.value)}
          onConfirm={submit}
        />
      </View>
      {missingOpenid ? <Text className="form-error">{t('login.openidRequired')}</Text> : null}
      {errorMessage ? (
        <Text className="form-error" id="login-error">
          {errorMessage}
        </Text>
      ) : null}
      <SubmitButton id="login-submit" busy={submitting} onClick={submit}>
        {submitting ? t('login.submitting') : t('login.submit')}
      </SubmitButton>
    </View>
  );
}
