import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type LoginResponse } from '@linli/shared';
import { ApiError, request } from '../../api';
import PageLayout from '../../components/page-layout';
import SubmitButton from '../../components/submit-button';
import { pendingInvitation, signIn } from '../../state/session';
import { useI18n } from '../../i18n';
import { ROUTES, restartAt } from '../../routes';

const DEV_LOGIN_AVAILABLE = process.env.TARO_ENV === 'h5' && LINLI_STAGE === 'dev';
const WECHAT_LOGIN_AVAILABLE = process.env.TARO_ENV === 'weapp';

export default function LoginPage() {
  const { t } = useI18n();
  return (
    <PageLayout title="login.title">
      <View className="card">
        <Text className="card__value">{t('login.welcome')}</Text>
        <Text className="card__hint">{t('login.wechatHint')}</Text>
      </View>
      {WECHAT_LOGIN_AVAILABLE ? <WechatLogin /> : null}
      {DEV_LOGIN_AVAILABLE ? <DevLogin /> : null}
      {!WECHAT_LOGIN_AVAILABLE && !DEV_LOGIN_AVAILABLE ? (
        <Text className="notice">{t('login.unavailable')}</Text>
      ) : null}
    </PageLayout>
  );
}

/** Runs one login call, then starts over at the community chooser. */
function useLogin() {
  const [submitting, setSubmitting] = useState(false);
  const [errorMessage, setErrorMessage] = useState<string>();
  const run = async (login: () => Promise<LoginResponse>) => {
    if (submitting) return;
    setSubmitting(true);
    setErrorMessage(undefined);
    try {
      signIn(await login());
      // Came from an invitation: back to it, to accept it.
      await restartAt(pendingInvitation.get() ? ROUTES.invite : ROUTES.communities);
    } catch (error) {
      setErrorMessage(error instanceof ApiError ? error.message : String(error));
      setSubmitting(false);
    }
  };
  return { submitting, errorMessage, run };
}

function WechatLogin() {
  const { t } = useI18n();
  const { submitting, errorMessage, run } = useLogin();
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

function DevLogin() {
  const { t } = useI18n();
  const [openid, setOpenid] = useState('');
  const [nickname, setNickname] = useState('');
  const [missingOpenid, setMissingOpenid] = useState(false);
  const { submitting, errorMessage, run } = useLogin();

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
