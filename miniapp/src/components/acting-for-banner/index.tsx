import { Button, Text, View } from '@tarojs/components';
import { stopActingFor, useActingFor } from '../../state/acting-for';
import { useI18n } from '../../i18n';

/** "正在为 张阿姨 代办 · 结束代办": on every page while a proxy acts for a resident. */
export default function ActingForBanner() {
  const { t } = useI18n();
  const acting = useActingFor();
  if (!acting) return null;
  return (
    <View className="acting-banner" id="acting-for-banner" role="status">
      <Text id="acting-for-name">{t('proxy.actingFor', { name: acting.residentName })}</Text>
      <Button id="acting-for-stop" className="button button--small acting-banner__stop" onClick={stopActingFor}>
        {t('proxy.stop')}
      </Button>
    </View>
  );
}
