import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { contracts, type CertificateRegisterEntry, type MemberView, type RecordRequest } from '@linli/shared';
import { request, useApi } from '../../../api';
import { downloadServiceCertificate } from '../../../api/download';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import EmptyState from '../../../components/empty-state';
import PagedListView from '../../../components/paged-list';
import SubmitButton from '../../../components/submit-button';
import { useAction } from '../../../hooks/action';
import { usePagedList } from '../../../hooks/paged-list';
import { formatHours } from '../../../format/office';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';
import MemberPicker from '../../components/member-picker';
import OfficeLayout from '../../components/office-layout';
import ReasonPrompt from '../../components/reason-prompt';
import DateField from '../../../components/date-field';

type Tab = 'requests' | 'issue' | 'register' | 'seal';

const DAY = /^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const SEAL_MAX_BYTES = 200 * 1024;

/**
 * 志愿服务记录与证明 (office): members' requests (corrections, certificates) to answer, issuing a
 * 志愿服务记录证明 from the record, the issuance register with download and revocation, and the seal.
 */
export default function OfficeServiceRecordsPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('requests');
  return (
    <OfficeLayout title="officeRecord.title">
      {({ communityId, me }) => (
        <>
          <ChoiceTabs
            idPrefix="record-tab"
            value={tab}
            onChange={setTab}
            choices={(['requests', 'issue', 'register', 'seal'] as const).map((value) => ({
              value,
              label: t(`officeRecord.tab.${value}`),
            }))}
          />
          {tab === 'requests' ? <RequestQueue communityId={communityId} /> : null}
          {tab === 'issue' ? <IssueForm communityId={communityId} /> : null}
          {tab === 'register' ? <Register communityId={communityId} /> : null}
          {tab === 'seal' ? <SealForm communityId={communityId} admin={me.member.roles.includes('admin')} /> : null}
        </>
      )}
    </OfficeLayout>
  );
}

function RequestQueue({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const queue = usePagedList(`record-requests:${communityId}`, (cursor) =>
    request(contracts.listRecordRequests, { params: { cid: communityId }, query: { status: 'open', cursor } }),
  );
  // The answered request leaves the list: what was done stays above it.
  const [done, setDone] = useState<string>();
  return (
    <>
      {done ? (
        <Text id="record-requests-result" className="result-good">
          {done}
        </Text>
      ) : null}
      <PagedListView
        id="record-requests"
        list={queue}
        empty={t('officeRecord.noRequests')}
        renderItem={(item) => (
          <RequestCard
            key={item.id}
            communityId={communityId}
            item={item}
            onDone={(message) => {
              setDone(message);
              queue.removeWhere((other) => other.id === item.id);
            }}
          />
        )}
      />
    </>
  );
}

/** Answering a request: accept or reject with a reason, or issue the certificate it asks for. */
function useRequestActions(props: { communityId: string; item: RecordRequest; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const { item } = props;
  const action = useAction();
  const decide = async (decision: 'accepted' | 'rejected', reason: string) => {
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.decideRecordRequest, {
        params: { cid: props.communityId, rid: item.id },
        body: { decision, reason },
        idempotencyKey,
      });
      return t('officeRecord.decided');
    });
    if (done) props.onDone(t('officeRecord.decided'));
  };
  const issue = async () => {
    let message = '';
    const done = await action.run(async (idempotencyKey) => {
      const issued = await request(contracts.issueServiceCertificate, {
        params: { cid: props.communityId },
        body: {
          memberId: item.memberId,
          requestId: item.id,
          ...(item.from ? { from: item.from } : {}),
          ...(item.to ? { to: item.to } : {}),
        },
        idempotencyKey,
      });
      message = t('officeRecord.issued', { serial: issued.serialNumber });
      return message;
    });
    if (done) props.onDone(message);
  };
  return { action, decide, issue };
}

function RequestCard(props: { communityId: string; item: RecordRequest; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const { item } = props;
  const { action, decide, issue } = useRequestActions(props);
  return (
    <View className="card" id={`record-request-${item.id}`}>
      <View className="card__row">
        <Text className="card__title">{t(`record.kind.${item.kind}`)}</Text>
        <Text className="card__hint">
          {t('officeRecord.requestFrom', { name: item.memberName, at: item.createdAt.slice(0, 10) })}
        </Text>
      </View>
      {item.activityTitle ? <Text className="card__hint">{item.activityTitle}</Text> : null}
      {item.description ? <Text className="card__body">{item.description}</Text> : null}
      {item.kind === 'certificate' ? (
        <Text className="card__hint">
          {item.from || item.to
            ? t('officeRecord.period', { from: item.from ?? '…', to: item.to ?? '…' })
            : t('officeRecord.allRecord')}
        </Text>
      ) : null}
      {item.kind === 'certificate' ? (
        <SubmitButton id={`record-issue-${item.id}`} busy={action.busy} onClick={issue}>
          {t('officeRecord.issueFor')}
        </SubmitButton>
      ) : (
        <>
          <Button className="button button--secondary" onClick={() => openPage(ROUTES.officeActivities)}>
            {t('officeRecord.goEnter')}
          </Button>
          <ReasonPrompt
            id={`record-accept-${item.id}`}
            label={t('officeRecord.accept')}
            placeholder={t('officeRecord.acceptPlaceholder')}
            busy={action.busy}
            onConfirm={(reason) => void decide('accepted', reason)}
          />
        </>
      )}
      <ReasonPrompt
        id={`record-reject-${item.id}`}
        label={t('officeRecord.reject')}
        placeholder={t('officeRecord.rejectPlaceholder')}
        danger
        busy={action.busy}
        onConfirm={(reason) => void decide('rejected', reason)}
      />
      <ActionOutcome id={`record-request-${item.id}`} outcome={action.outcome} />
    </View>
  );
}

function IssueForm({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [member, setMember] = useState<MemberView>();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const action = useAction();
  const issue = async () => {
    if (!member) return action.fail(t('officeRecord.noMember'));
    if ((from && !DAY.test(from)) || (to && !DAY.test(to))) return action.fail(t('record.dateInvalid'));
    await action.run(async (idempotencyKey) => {
      const issued = await request(contracts.issueServiceCertificate, {
        params: { cid: communityId },
        body: { memberId: member.id, ...(from ? { from } : {}), ...(to ? { to } : {}) },
        idempotencyKey,
      });
      return t('officeRecord.issued', { serial: issued.serialNumber });
    });
  };
  return (
    <View className="card" id="record-issue-form">
      <Text className="card__hint">{t('officeRecord.issueIntro')}</Text>
      <MemberPicker communityId={communityId} selected={member} onSelect={setMember} />
      <DateField id="record-issue-from" label={t('record.from')} value={from} onChange={setFrom} />
      <DateField id="record-issue-to" label={t('record.to')} value={to} onChange={setTo} />
      <SubmitButton id="record-issue-submit" busy={action.busy} onClick={issue}>
        {t('officeRecord.issue')}
      </SubmitButton>
      <ActionOutcome id="record-issue" outcome={action.outcome} />
    </View>
  );
}

function Register({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const register = usePagedList(`certificates:${communityId}`, (cursor) =>
    request(contracts.listServiceCertificates, { params: { cid: communityId }, query: { cursor } }),
  );
  return (
    <PagedListView
      id="record-register"
      list={register}
      empty={t('officeRecord.registerEmpty')}
      renderItem={(entry) => <RegisterRow key={entry.serialNumber} communityId={communityId} entry={entry} />}
    />
  );
}

function RegisterRow(props: { communityId: string; entry: CertificateRegisterEntry }) {
  const { t } = useI18n();
  // A revocation shows on the row at once (the register is not reloaded under the staff member's eyes).
  const [entry, setEntry] = useState(props.entry);
  const action = useAction();
  const revoke = (reason: string) =>
    action.run(async (idempotencyKey) => {
      setEntry(
        await request(contracts.revokeServiceCertificate, {
          params: { cid: props.communityId, serialNumber: entry.serialNumber },
          body: { reason },
          idempotencyKey,
        }),
      );
      return t('officeRecord.revokedDone');
    });
  const download = () =>
    action.run(async () => {
      await downloadServiceCertificate(entry.serialNumber);
      return '';
    });
  return (
    <View className="card" id={`register-${entry.serialNumber}`}>
      <View className="card__row">
        <Text className="card__title">{entry.serialNumber}</Text>
        <Text className={entry.revokedAt ? 'tag tag--danger' : 'tag'}>
          {entry.revokedAt
            ? t('officeRecord.revokedLine', { reason: entry.revocationReason ?? '' })
            : t('officeRecord.valid')}
        </Text>
      </View>
      <Text className="card__hint">
        {t('officeRecord.registerLine', {
          holder: entry.holderName,
          hours: formatHours(entry.totalMinutes),
          from: entry.from,
          to: entry.to,
        })}
      </Text>
      <Text className="card__hint">
        {t('officeRecord.registerMeta', { handler: entry.handler, at: entry.issuedAt.slice(0, 10) })}
      </Text>
      <Button className="button" id={`register-download-${entry.serialNumber}`} onClick={() => void download()}>
        {t('record.download')}
      </Button>
      {entry.revokedAt ? null : (
        <ReasonPrompt
          id={`register-revoke-${entry.serialNumber}`}
          label={t('officeRecord.revoke')}
          placeholder={t('officeRecord.revokePlaceholder')}
          danger
          busy={action.busy}
          onConfirm={(reason) => void revoke(reason)}
        />
      )}
      <ActionOutcome id={`register-${entry.serialNumber}`} outcome={action.outcome} />
    </View>
  );
}

/** The chosen image as base64: a blob URL in the browser, a temp file in WeChat. */
async function imageBase64(path: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const bytes = new Uint8Array(await (await fetch(path)).arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  }
  const read = await Taro.getFileSystemManager().readFileSync(path, 'base64');
  return String(read);
}

function SealForm({ communityId, admin }: { communityId: string; admin: boolean }) {
  const { t } = useI18n();
  const seal = useApi(`seal:${communityId}`, () =>
    request(contracts.getCertificateSeal, { params: { cid: communityId } }),
  );
  const action = useAction();
  const choose = async () => {
    const picked = await Taro.chooseImage({ count: 1, sizeType: ['original'] }).catch(() => null);
    const file = picked?.tempFiles[0];
    if (!file) return;
    if (file.size > SEAL_MAX_BYTES) return action.fail(t('officeRecord.sealTooLarge'));
    const contentType = /\.jpe?g$/i.test(file.path) || file.type === 'image/jpeg' ? 'image/jpeg' : 'image/png';
    const done = await action.run(async (idempotencyKey) => {
      const base64 = await imageBase64(file.path);
      await request(contracts.putCertificateSeal, {
        params: { cid: communityId },
        body: { contentType, base64 },
        idempotencyKey,
      });
      return t('officeRecord.sealSaved');
    });
    if (done) seal.reload();
  };
  const current = seal.data?.seal;
  return (
    <View className="card" id="record-seal">
      <Text className="card__hint">{t('officeRecord.sealIntro')}</Text>
      {current ? (
        <Image
          id="record-seal-image"
          className="seal-preview"
          mode="aspectFit"
          src={`data:${current.contentType};base64,${current.base64}`}
        />
      ) : (
        <EmptyState id="record-seal-none" title={t('officeRecord.sealNone')} />
      )}
      {admin ? (
        <SubmitButton id="record-seal-choose" busy={action.busy} onClick={choose}>
          {t('officeRecord.sealChoose')}
        </SubmitButton>
      ) : (
        <Text className="card__hint">{t('officeRecord.adminOnlySeal')}</Text>
      )}
      <ActionOutcome id="record-seal" outcome={action.outcome} />
    </View>
  );
}
