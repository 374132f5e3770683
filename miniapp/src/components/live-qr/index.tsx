import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import QrView from '../qr-view';

/** A live QR (it rotates on its own) with what it is for and how long the one shown stays valid. */
export default function LiveQr({
  id,
  value,
  secondsLeft,
  children,
}: {
  id: string;
  value: string;
  secondsLeft: number;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <View className="card live-qr">
      <QrView id={id} value={value} />
      {children}
      <Text className="live-qr__countdown" id={`${id}-countdown`}>
        {secondsLeft > 0 ? t('live.refreshesIn', { seconds: secondsLeft }) : t('live.refreshing')}
      </Text>
    </View>
  );
}
