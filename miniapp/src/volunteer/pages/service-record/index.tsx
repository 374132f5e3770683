import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type CertificateRegisterEntry, type RecordRequest, type ServiceRecordEntry } from '@linli/shared';
import { request, useApi } from '../../../api';
import { downloadServiceCertificate } from '../../../api/download';
import ActionOutcome from '../../../components/action-outcome';
import EmptyState from '../../../components/empty-state';
import PageLayout from '../../../components/page-layout';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/action';
import { useReloadOnShow } from '../../../hooks/reload-on-show';
import { formatHours } from '../../../format/office';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage } from '../../../routes';
import { useSession } from '../../../state/session';
import DateField from '../../../components/date-field';

const DAY = /^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * 我的志愿服务记录: every service the office approved (the 办法's fields), a correction of one or of
 * a missing one, a certificate asked for (free), the answers, and the certificates to download.
 */
export default function ServiceRecordPage() {
  const { t } = useI18n();
  const { token, communityId } = useSession();
  const cid = communityId ?? '';
  const key = token && communityId ? `${cid}:${token}` : null;
  const record = useApi(key && `service-record:${key}`, () =>
    request(contracts.getMyServiceRecord, { params: { cid } }),
  );
  const mine = useApi(key && `record-requests:${key}`, () =>
    request(contracts.listMyRecordRequests, { params: { cid } }),
  );
  useReloadOnShow(mine.reload);
  const reloadAll = () => {
    record.reload();
    mine.reload();
  };
  return (
    <PageLayout
      title="record.title"
      requires="community"
      loading={record.loading}
      error={record.error ?? mine.error}
      onRetry={reloadAll}
    >
      <View className="card" id="record-summary">
        <Text className="card__title" id="record-total">
          {t('record.total', {
            hours: formatHours(record.data?.totalMinutes ?? 0),
            count: record.data?.items.length ?? 0,
          })}
        </Text>
        <Text className="card__hint">{t('record.about')}</Text>
      </View>
      <CertificateRequestForm communityId={cid} onSent={mine.reload} />
      <CorrectionForm id="record-missing" communityId={cid} label={t('record.missing')} onSent={mine.reload} />
      {record.data?.items.length === 0 ? (
        <EmptyState id="record-empty" title={t('record.empty')} hint={t('record.emptyHint')} />
      ) : null}
      <View className="list" id="record-list">
        {record.data?.items.map((entry) => (
          <RecordEntryCard key={entry.claimId} entry={entry} communityId={cid} onSent={mine.reload} />
        ))}
      </View>
      <MyCertificates certificates={mine.data?.certificates ?? []} />
      <MyRequests requests={mine.data?.requests ?? []} />
    </PageLayout>
  );
}

function RecordEntryCard(props: { entry: ServiceRecordEntry; communityId: string; onSent: () => void }) {
  const { t } = useI18n();
  const { entry } = props;
  return (
    <View className="card" id={`record-${entry.claimId}`}>
      <View className="card__row">
        <Text className="card__title">{entry.activityTitle}</Text>
        <Text className="tag">{t('record.entryHours', { hours: formatHours(entry.minutes) })}</Text>
      </View>
      <Text className="card__hint">{t('record.entryMeta', { date: entry.date, place: entry.place })}</Text>
      <Text className="card__hint">{entry.content}</Text>
      <Text className="card__hint">
        {t('record.organiser', { organiser: entry.organiser, person: entry.personInCharge })}
      </Text>
      <Text className="card__hint">
        {t('record.recorded', { by: entry.recordedBy, at: entry.recordedAt.slice(0, 10) })}
      </Text>
      <CorrectionForm
        id={`record-correct-${entry.claimId}`}
        communityId={props.communityId}
        claimId={entry.claimId}
        label={t('record.correct')}
        onSent={props.onSent}
      />
    </View>
  );
}

/** A correction of one entry (`claimId`) or of a missing one: a button that opens a description box. */
function CorrectionForm(props: {
  id: string;
  communityId: string;
  claimId?: string;
  label: string;
  onSent: () => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [description, setDescription] = useState('');
  const action = useAction();
  const send = async () => {
    if (!description.trim()) return action.fail(t('common.reasonRequired'));
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.requestRecordCorrection, {
        params: { cid: props.communityId },
        body: { description: description.trim(), ...(props.claimId ? { claimId: props.claimId } : {}) },
        idempotencyKey,
      });
      return t('record.sent');
    });
    if (done) {
      setOpen(false);
      setDescription('');
      props.onSent();
    }
  };
  return (
    <View id={props.id}>
      {open ? (
        <>
          <TextField
            id={`${props.id}-text`}
            label={props.label}
            value={description}
            multiline
            maxlength={300}
            placeholder={props.claimId ? t('record.correctPlaceholder') : t('record.missingPlaceholder')}
            onChange={setDescription}
          />
          <SubmitButton id={`${props.id}-send`} busy={action.busy} onClick={send}>
            {t('record.submit')}
          </SubmitButton>
          <Button className="button button--secondary" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </>
      ) : (
        <Button id={`${props.id}-open`} className="button button--secondary" onClick={() => setOpen(true)}>
          {props.label}
        </Button>
      )}
      <ActionOutcome id={props.id} outcome={action.outcome} />
    </View>
  );
}

function CertificateRequestForm(props: { communityId: string; onSent: () => void }) {
  const { t } = useI18n();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const action = useAction();
  const send = async () => {
    if ((from && !DAY.test(from)) || (to && !DAY.test(to))) return action.fail(t('record.dateInvalid'));
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.requestServiceCertificate, {
        params: { cid: props.communityId },
        body: { ...(from ? { from } : {}), ...(to ? { to } : {}) },
        idempotencyKey,
      });
      return t('record.sent');
    });
    if (done) props.onSent();
  };
  return (
    <View className="card" id="record-certificate">
      <Text className="card__title">{t('record.requestCertificate')}</Text>
      <Text className="card__hint">{t('record.certificateHint')}</Text>
      <Button
        className="button button--secondary"
        id="record-profile"
        onClick={() => openPage(ROUTES.volunteerProfile)}
      >
        {t('record.profileLink')}
      </Button>
      <DateField id="record-from" label={t('record.from')} value={from} onChange={setFrom} />
      <DateField id="record-to" label={t('record.to')} value={to} onChange={setTo} />
      <SubmitButton id="record-certificate-send" busy={action.busy} onClick={send}>
        {t('record.submit')}
      </SubmitButton>
      <ActionOutcome id="record-certificate" outcome={action.outcome} />
    </View>
  );
}

function MyCertificates({ certificates }: { certificates: CertificateRegisterEntry[] }) {
  const { t } = useI18n();
  const action = useAction();
  if (certificates.length === 0) return null;
  const download = (serialNumber: string) =>
    action.run(async () => {
      await downloadServiceCertificate(serialNumber);
      return '';
    });
  return (
    <View className="card" id="record-certificates">
      <Text className="card__title">{t('record.certificates')}</Text>
      {certificates.map((certificate) => (
        <View key={certificate.serialNumber} className="list-row" id={`certificate-${certificate.serialNumber}`}>
          <Text className="card__hint">
            {t('record.certificateLine', {
              serial: certificate.serialNumber,
              from: certificate.from,
              to: certificate.to,
              hours: formatHours(certificate.totalMinutes),
            })}
          </Text>
          {certificate.revokedAt ? (
            <Text className="tag tag--danger">
              {t('record.revoked', { reason: certificate.revocationReason ?? '' })}
            </Text>
          ) : (
            <Button
              className="button"
              id={`certificate-download-${certificate.serialNumber}`}
              onClick={() => void download(certificate.serialNumber)}
            >
              {t('record.download')}
            </Button>
          )}
        </View>
      ))}
      <ActionOutcome id="record-download" outcome={action.outcome} />
    </View>
  );
}

function MyRequests({ requests }: { requests: RecordRequest[] }) {
  const { t } = useI18n();
  if (requests.length === 0) return null;
  return (
    <View className="card" id="record-requests">
      <Text className="card__title">{t('record.requests')}</Text>
      {requests.map((item) => (
        <View key={item.id} className="list-row" id={`request-${item.id}`}>
          <Text className="card__hint">
            {t(`record.kind.${item.kind}`)} · {item.activityTitle ?? item.description ?? ''} ·{' '}
            {item.createdAt.slice(0, 10)}
          </Text>
          <Text className={item.status === 'rejected' ? 'tag tag--danger' : 'tag'}>
            {t(`record.status.${item.status}`)}
          </Text>
          {item.reason ? <Text className="card__hint">{item.reason}</Text> : null}
        </View>
      ))}
    </View>
  );
}
