import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type Community } from '@linli/shared';
import { request } from '../../api';
import ActionOutcome from '../../components/action-outcome';
import PageLayout from '../../components/page-layout';
import SubmitButton from '../../components/submit-button';
import TextField from '../../components/text-field';
import { useAction } from '../../hooks/action';
import { useI18n } from '../../i18n';

/**
 * 平台运营 (platform operators only; opened by its address, `#/pages/platform/index`): start a
 * community — its id, name and currency — and name its first admin by WeChat openid. The admin
 * then runs the setup in the office console (社区设置) and invites the staff.
 */
export default function PlatformPage() {
  const [community, setCommunity] = useState<Community>();
  return (
    <PageLayout title="platform.title" requires="session">
      <NewCommunityForm onCreated={setCommunity} />
      {community ? <AdminForm community={community} /> : null}
    </PageLayout>
  );
}

function NewCommunityForm({ onCreated }: { onCreated: (community: Community) => void }) {
  const { t } = useI18n();
  const action = useAction();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [currencyName, setCurrencyName] = useState('');

  const create = async () => {
    if (!/^[a-z0-9][a-z0-9-]{2,31}$/.test(id)) return action.fail(t('platform.idInvalid'));
    if (!name.trim() || !currencyName.trim()) return action.fail(t('platform.nameRequired'));
    await action.run(async (idempotencyKey) => {
      const community = await request(contracts.createCommunity, {
        body: { id, name: name.trim(), currencyName: currencyName.trim() },
        idempotencyKey,
      });
      onCreated(community);
      return t('platform.created', { name: community.name });
    });
  };

  return (
    <View className="card" id="platform-new-community">
      <Text className="card__hint">{t('platform.intro')}</Text>
      <TextField id="platform-id" label={t('platform.id')} hint={t('platform.idHint')} value={id} onChange={setId} />
      <TextField id="platform-name" label={t('platform.name')} value={name} maxlength={40} onChange={setName} />
      <TextField
        id="platform-currency"
        label={t('platform.currency')}
        hint={t('platform.currencyHint')}
        value={currencyName}
        maxlength={12}
        onChange={setCurrencyName}
      />
      <SubmitButton id="platform-create" busy={action.busy} onClick={create}>
        {t('platform.create')}
      </SubmitButton>
      <ActionOutcome id="platform-create" outcome={action.outcome} />
    </View>
  );
}

function AdminForm({ community }: { community: Community }) {
  const { t } = useI18n();
  const action = useAction();
  const [openid, setOpenid] = useState('');

  const name = async () => {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(openid.trim())) return action.fail(t('platform.openidInvalid'));
    await action.run(async (idempotencyKey) => {
      await request(contracts.setCommunityAdmin, {
        params: { cid: community.id },
        body: { openid: openid.trim() },
        idempotencyKey,
      });
      return t('platform.adminNamed', { name: community.name });
    });
  };

  return (
    <View className="card" id="platform-admin">
      <Text className="card__value">{t('platform.adminTitle', { name: community.name })}</Text>
      <TextField
        id="platform-admin-openid"
        label={t('platform.openid')}
        hint={t('platform.openidHint')}
        value={openid}
        onChange={setOpenid}
      />
      <SubmitButton id="platform-admin-save" busy={action.busy} onClick={name}>
        {t('platform.nameAdmin')}
      </SubmitButton>
      <ActionOutcome id="platform-admin" outcome={action.outcome} />
    </View>
  );
}
