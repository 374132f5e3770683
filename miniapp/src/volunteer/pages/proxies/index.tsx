import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type ProxyRelation } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChildrenCard from '../../../components/children-card';
import EmptyState from '../../../components/empty-state';
import PageLayout from '../../../components/page-layout';
import ProxyCard from '../../../components/proxy-card';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { startActingFor, stopActingFor, useActingFor } from '../../../state/acting-for';
import { useAction } from '../../../hooks/action';
import { useMe } from '../../../hooks/me';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';

/**
 * 代办: the residents I may act for ("为 张阿姨 代办"), and the family members who may act for me.
 * While acting, the page is the resident's own, so it asks the user to end that first.
 */
export default function ProxiesPage() {
  const { t } = useI18n();
  const me = useMe();
  const acting = useActingFor();
  const proxies = useApi(me.data && !acting ? `my-proxies:${me.communityId}` : null, () =>
    request(contracts.listMyProxies, { params: { cid: me.communityId } }),
  );
  if (acting) {
    return (
      <PageLayout title="proxy.title" requires="community">
        <View className="card">
          <Text>{t('proxy.whileActing', { name: acting.residentName })}</Text>
          <Button id="proxies-stop" className="button" onClick={stopActingFor}>
            {t('proxy.stop')}
          </Button>
        </View>
      </PageLayout>
    );
  }
  const act = (relation: ProxyRelation) => {
    startActingFor(relation);
    void openPage(ROUTES.me);
  };
  return (
    <PageLayout
      title="proxy.title"
      requires="community"
      loading={me.loading || proxies.loading}
      error={me.error ?? proxies.error}
      onRetry={proxies.reload}
    >
      <Text className="section-title">{t('proxy.actingForTitle')}</Text>
      {proxies.data?.actingFor.length === 0 ? (
        <EmptyState id="proxy-acting-empty" title={t('proxy.actingForNone')} hint={t('proxy.actingForNoneHint')} />
      ) : null}
      <View className="list" id="proxy-acting-list">
        {proxies.data?.actingFor.map((relation) => (
          <View className="card" key={relation.residentId} id={`act-for-${relation.residentId}`}>
            <Text className="card__value">{relation.residentName}</Text>
            {relation.kind === 'guardian' ? <Text className="card__hint">{t('children.mine')}</Text> : null}
            <Button className="button act-for" onClick={() => act(relation)}>
              {t('proxy.actFor', { name: relation.residentName })}
            </Button>
          </View>
        ))}
      </View>
      {me.data ? <ChildrenCard communityId={me.communityId} onAdded={proxies.reload} /> : null}
      <Text className="section-title">{t('proxy.myProxiesTitle')}</Text>
      <Text className="card__hint">{t('proxy.myProxiesHint')}</Text>
      <View className="list" id="proxy-mine-list">
        {proxies.data?.myProxies.map((relation) => (
          <ProxyCard
            key={relation.proxyId}
            communityId={me.communityId}
            relation={relation}
            onRemoved={proxies.reload}
          />
        ))}
      </View>
      {me.data ? (
        <AddProxyForm communityId={me.communityId} residentId={me.data.member.id} onAdded={proxies.reload} />
      ) : null}
    </PageLayout>
  );
}

function AddProxyForm({
  communityId,
  residentId,
  onAdded,
}: {
  communityId: string;
  residentId: string;
  onAdded: () => void;
}) {
  const { t } = useI18n();
  const [proxyId, setProxyId] = useState('');
  const action = useAction();
  const add = async () => {
    if (!proxyId.trim()) return action.fail(t('proxies.proxyIdRequired'));
    const done = await action.run(async (idempotencyKey) => {
      const relation = await request(contracts.createProxy, {
        params: { cid: communityId },
        body: { residentId, proxyId: proxyId.trim() },
        idempotencyKey,
      });
      return t('proxy.added', { name: relation.proxyName });
    });
    if (done) {
      setProxyId('');
      onAdded();
    }
  };
  return (
    <View className="card" id="proxy-add-form">
      <TextField
        id="proxy-add-id"
        label={t('proxies.proxyId')}
        hint={t('proxies.proxyIdHint')}
        value={proxyId}
        maxlength={64}
        onChange={setProxyId}
      />
      <SubmitButton id="proxy-add-submit" busy={action.busy} onClick={add}>
        {t('proxy.add')}
      </SubmitButton>
      <ActionOutcome id="proxy-add" outcome={action.outcome} />
    </View>
  );
}
