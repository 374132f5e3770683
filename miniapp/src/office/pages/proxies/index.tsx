import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type MemberView } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import EmptyState from '../../../components/empty-state';
import MemberPicker from '../../components/member-picker';
import OfficeLayout from '../../components/office-layout';
import ProxyCard from '../../../components/proxy-card';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/action';
import { describeError, useI18n } from '../../../i18n';

/** 代办管理: register residents without a phone and name the family members who act for them. */
export default function OfficeProxiesPage() {
  return (
    <OfficeLayout title="office.proxies">
      {({ communityId }) => <ProxiesConsole communityId={communityId} />}
    </OfficeLayout>
  );
}

function ProxiesConsole({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const proxies = useApi(`office-proxies:${communityId}`, () =>
    request(contracts.listAllProxies, { params: { cid: communityId } }),
  );
  return (
    <>
      <OfflineMemberForm communityId={communityId} />
      <ProxyForm communityId={communityId} onCreated={proxies.reload} />
      <Text className="section-title">{t('proxies.all')}</Text>
      {proxies.error ? <Text className="form-error">{describeError(t, proxies.error)}</Text> : null}
      {proxies.data?.items.length === 0 ? <EmptyState id="proxies-empty" title={t('proxies.none')} /> : null}
      <View className="list" id="proxies-list">
        {proxies.data?.items.map((relation) => (
          <ProxyCard
            key={`${relation.residentId}:${relation.proxyId}`}
            communityId={communityId}
            relation={relation}
            onRemoved={proxies.reload}
          />
        ))}
      </View>
    </>
  );
}

function OfflineMemberForm({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const action = useAction();
  const register = async () => {
    if (!name.trim()) return action.fail(t('proxies.nameRequired'));
    const done = await action.run(async (idempotencyKey) => {
      const { member } = await request(contracts.createOfflineMember, {
        params: { cid: communityId },
        body: { displayName: name.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) },
        idempotencyKey,
      });
      return t('proxies.registered', { name: member.displayName, no: member.memberNo ?? '—', id: member.id });
    });
    if (done) {
      setName('');
      setPhone('');
    }
  };
  return (
    <View className="card" id="offline-member-form">
      <Text className="card__label">{t('proxies.registerTitle')}</Text>
      <Text className="card__hint">{t('proxies.registerHint')}</Text>
      <TextField id="offline-name" label={t('proxies.name')} value={name} maxlength={32} onChange={setName} />
      <TextField id="offline-phone" label={t('proxies.phone')} value={phone} maxlength={20} onChange={setPhone} />
      <SubmitButton id="offline-submit" busy={action.busy} onClick={register}>
        {t('proxies.register')}
      </SubmitButton>
      <ActionOutcome id="offline" outcome={action.outcome} />
    </View>
  );
}

function ProxyForm({ communityId, onCreated }: { communityId: string; onCreated: () => void }) {
  const { t } = useI18n();
  const [resident, setResident] = useState<MemberView>();
  const [proxyId, setProxyId] = useState('');
  const action = useAction();
  const create = async () => {
    if (!resident) return action.fail(t('proxies.chooseResident'));
    if (!proxyId.trim()) return action.fail(t('proxies.proxyIdRequired'));
    const done = await action.run(async (idempotencyKey) => {
      const relation = await request(contracts.createProxy, {
        params: { cid: communityId },
        body: { residentId: resident.id, proxyId: proxyId.trim() },
        idempotencyKey,
      });
      return t('proxies.created', { proxy: relation.proxyName, resident: relation.residentName });
    });
    if (done) {
      setProxyId('');
      onCreated();
    }
  };
  return (
    <View className="card" id="proxy-form">
      <Text className="card__label">{t('proxies.createTitle')}</Text>
      <MemberPicker communityId={communityId} selected={resident} onSelect={setResident} />
      <TextField
        id="proxy-id"
        label={t('proxies.proxyId')}
        hint={t('proxies.proxyIdHint')}
        value={proxyId}
        maxlength={64}
        onChange={setProxyId}
      />
      <SubmitButton id="proxy-submit" busy={action.busy} onClick={create}>
        {t('proxies.create')}
      </SubmitButton>
      <ActionOutcome id="proxy" outcome={action.outcome} />
    </View>
  );
}
