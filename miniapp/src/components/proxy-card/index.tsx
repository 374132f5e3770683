import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { contracts, type ProxyRelation } from '@linli/shared';
import { request } from '../../api';
import { useAction } from '../../hooks/action';
import { useI18n } from '../../i18n';
import ActionOutcome from '../action-outcome';

/** One relation "张阿姨 ← 李明 代办" with a button to end it. */
export default function ProxyCard({
  communityId,
  relation,
  onRemoved,
  children,
}: {
  communityId: string;
  relation: ProxyRelation;
  onRemoved: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const action = useAction();
  const remove = async () => {
    const done = await action.run(async () => {
      await request(contracts.removeProxy, {
        params: { cid: communityId, residentId: relation.residentId, proxyId: relation.proxyId },
      });
      return t('proxies.removed');
    });
    if (done) onRemoved();
  };
  return (
    <View className="card" id={`proxy-${relation.residentId}-${relation.proxyId}`}>
      <Text className="card__value">
        {t('proxies.relation', { resident: relation.residentName, proxy: relation.proxyName })}
      </Text>
      {children}
      <Button className="button button--danger button--small proxy-remove" onClick={remove}>
        {t('proxies.remove')}
      </Button>
      <ActionOutcome id={`proxy-remove-${relation.proxyId}`} outcome={action.outcome} />
    </View>
  );
}
