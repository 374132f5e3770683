import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { contracts } from '@linli/shared';
import { request } from '../../../api';
import { downloadMyData } from '../../../api/download';
import ActionOutcome from '../../../components/action-outcome';
import NavRow from '../../../components/nav-row';
import PageLayout from '../../../components/page-layout';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/action';
import { useMe } from '../../../hooks/me';
import { useI18n, type MessageKey } from '../../../i18n';
import { ROUTES, openPage, restartAt } from '../../../routes';
import CloseAccountCard from './close-account-card';
import ConsentsCard from './consents-card';
import './index.scss';

/** What the file holds, one line each (the export's sections; README "Personal data (issue 20)"). */
const CONTAINS: MessageKey[] = [
  'myData.contains.profile',
  'myData.contains.membership',
  'myData.contains.volunteer',
  'myData.contains.points',
  'myData.contains.shop',
  'myData.contains.other',
];

/** Back to 我的; opened directly (a link, a fresh tab), to 我的 as well. */
function goBack(): void {
  Taro.navigateBack().catch(() => restartAt(ROUTES.me));
}

/**
 * 我的数据 (issue 20 item 1; PIPL Art. 44–46): what Linli keeps about the person, a download of all
 * of it (`GET /v1/me/data-export`), and the corrections they make themself — the name their community
 * shows here, the volunteer profile and the service record on their own pages. Large type, a way back.
 */
export default function MyDataPage() {
  const { t } = useI18n();
  return (
    <PageLayout title="myData.title" requires="community">
      <View className="card my-data" id="my-data-about">
        <Text className="my-data__heading">{t('myData.title')}</Text>
        <Text className="my-data__text">{t('myData.intro')}</Text>
        <Text className="my-data__heading">{t('myData.containsTitle')}</Text>
        {CONTAINS.map((key) => (
          <Text key={key} className="my-data__text" id={`my-data-contains-${key.split('.').pop()}`}>
            · {t(key)}
          </Text>
        ))}
        <Text className="card__hint" id="my-data-not-included">
          {t('myData.notIncluded')}
        </Text>
      </View>
      <DownloadCard />
      <CorrectionsCard />
      <ConsentsCard />
      <CloseAccountCard />
      <Button id="my-data-back" className="button button--secondary" onClick={goBack}>
        {t('myData.back')}
      </Button>
    </PageLayout>
  );
}

function DownloadCard() {
  const { t } = useI18n();
  const action = useAction();
  const download = () =>
    action.run(async () => {
      const saved = await downloadMyData();
      return process.env.TARO_ENV === 'h5' ? t('myData.downloaded', { name: saved.fileName }) : t('myData.savedWechat');
    });
  return (
    <View className="card my-data" id="my-data-download-card">
      <Text className="my-data__text">{t('myData.fileHint')}</Text>
      <SubmitButton id="my-data-download" busy={action.busy} onClick={() => void download()}>
        {t('myData.download')}
      </SubmitButton>
      <ActionOutcome id="my-data-download" outcome={action.outcome} />
    </View>
  );
}

/** The name shown in this community (content-checked), and links to the other corrections. */
function CorrectionsCard() {
  const { t } = useI18n();
  const me = useMe();
  const [displayName, setDisplayName] = useState('');
  const action = useAction();
  const current = me.data?.member.displayName;
  useEffect(() => {
    if (current !== undefined) setDisplayName(current);
  }, [current]);
  const save = async () => {
    const name = displayName.trim();
    if (!name) return action.fail(t('myData.displayNameRequired'));
    const done = await action.run(async () => {
      await request(contracts.updateMyDisplayName, { params: { cid: me.communityId }, body: { displayName: name } });
      return t('myData.displayNameSaved');
    });
    if (done) me.reload();
  };
  return (
    <View className="card my-data" id="my-data-corrections">
      <Text className="my-data__heading">{t('myData.correctTitle')}</Text>
      <TextField
        id="my-data-display-name"
        label={t('myData.displayName')}
        hint={t('myData.displayNameHint')}
        value={displayName}
        maxlength={32}
        onChange={setDisplayName}
      />
      <SubmitButton id="my-data-save-name" busy={action.busy} onClick={() => void save()}>
        {t('myData.saveName')}
      </SubmitButton>
      <ActionOutcome id="my-data-name" outcome={action.outcome} />
      <NavRow id="my-data-profile" label={t('myData.profileLink')} onClick={() => openPage(ROUTES.volunteerProfile)} />
      <NavRow id="my-data-record" label={t('myData.recordLink')} onClick={() => openPage(ROUTES.myServiceRecord)} />
    </View>
  );
}
