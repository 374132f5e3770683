import { Button, Text, View } from '@tarojs/components';
import { PRIVACY_GUIDE_SUMMARY, PRIVACY_GUIDE_TITLE } from '@linli/shared';
import { useI18n } from '../../i18n';
import { ROUTES, openPage } from '../../routes';
import {
  PRIVACY_AGREE_BUTTON_ID,
  agreeToPrivacyGuide,
  declinePrivacyGuide,
  usePrivacyPrompt,
} from '../../state/privacy';
import './index.scss';

const WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * The agreement prompt (隐私授权弹窗): the guide's summary, a link to the whole guide, an agree button
 * and a decline. On weapp the agree button is `open-type="agreePrivacyAuthorization"` — WeChat lets the
 * waiting privacy API go on only after that button's own event (《小程序隐私协议开发指南》); on H5 a
 * plain button. Rendered by every page (PageLayout) but the guide's own; shows only while asked.
 */
export default function PrivacyPrompt() {
  const { t, language } = useI18n();
  const reason = usePrivacyPrompt();
  if (!reason) return null;
  const agree = () => void agreeToPrivacyGuide();
  return (
    <View className="privacy-prompt" id="privacy-prompt">
      <View className="privacy-prompt__panel">
        <Text className="privacy-prompt__title">{PRIVACY_GUIDE_TITLE[language]}</Text>
        <Text className="privacy-prompt__summary">{PRIVACY_GUIDE_SUMMARY[language]}</Text>
        <Text className="privacy-prompt__link" id="privacy-prompt-read" onClick={() => void openPage(ROUTES.privacy)}>
          {t('privacy.readFull')}
        </Text>
        {WEAPP ? (
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className="button"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={agree}
          >
            {t('privacy.agree')}
          </Button>
        ) : (
          <Button id={PRIVACY_AGREE_BUTTON_ID} className="button" onClick={agree}>
            {t('privacy.agree')}
          </Button>
        )}
        <Button id="privacy-decline" className="button button--secondary" onClick={declinePrivacyGuide}>
          {t('privacy.decline')}
        </Button>
      </View>
    </View>
  );
}
