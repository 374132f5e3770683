import { Button, Switch, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type ProxyFlag } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import OfficeLayout from '../../components/office-layout';
import PagedListView from '../../../components/paged-list';
import TextField from '../../../components/text-field';
import { formatDateTime } from '../../../format/time';
import { useAction } from '../../../hooks/action';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n, type MessageKey, type Translate } from '../../../i18n';

/** Suspected use of someone else's certificate: dismiss, or confirm (and revoke the certificate at once). */
export default function OfficeFlagsPage() {
  return (
    <OfficeLayout title="office.flags">{({ communityId }) => <FlagQueue communityId={communityId} />}</OfficeLayout>
  );
}

function FlagQueue({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const flags = usePagedList(`flags:${communityId}`, (cursor) =>
    request(contracts.listFlags, { params: { cid: communityId }, query: { cursor } }),
  );
  return (
    <PagedListView
      id="flags-list"
      list={flags}
      empty={t('flags.empty')}
      renderItem={(flag) => (
        <FlagCard
          key={flag.id}
          communityId={communityId}
          flag={flag}
          onResolved={() => flags.removeWhere((item) => item.id === flag.id)}
        />
      )}
    />
  );
}

/** A flag reason in words when we know it (`too_many_uses_today` → 当天使用次数过多), else as the server wrote it. */
export function flagReasonText(t: Translate, reason: string): string {
  const key = `flags.reason.${reason}`;
  return (FLAG_REASON_KEYS as readonly string[]).includes(key) ? t(key as MessageKey) : reason;
}
const FLAG_REASON_KEYS = ['flags.reason.two_merchants_within_10_minutes', 'flags.reason.too_many_uses_today'] as const;

function FlagCard({ communityId, flag, onResolved }: { communityId: string; flag: ProxyFlag; onResolved: () => void }) {
  const { t, language } = useI18n();
  const [note, setNote] = useState('');
  const [revoke, setRevoke] = useState(false);
  const action = useAction();
  const resolve = async (outcome: 'dismissed' | 'confirmed') => {
    const resolved = await action.run(async () => {
      await request(contracts.resolveFlag, {
        params: { cid: communityId, flagId: flag.id },
        body: {
          outcome,
          ...(outcome === 'confirmed' && revoke ? { revokeCertificate: true } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      });
      return t(outcome === 'confirmed' ? 'flags.confirmed' : 'flags.dismissed');
    });
    if (resolved) onResolved();
  };
  return (
    <View className="card" id={`flag-${flag.id}`}>
      <Text className="card__value">{flag.memberName}</Text>
      <View className="tags">
        {flag.reasons.map((reason) => (
          <Text key={reason} className="tag tag--danger">
            {flagReasonText(t, reason)}
          </Text>
        ))}
      </View>
      <Text className="card__hint">{formatDateTime(flag.createdAt, language)}</Text>
      <TextField id={`flag-note-${flag.id}`} label={t('flags.note')} value={note} maxlength={200} onChange={setNote} />
      <View className="row">
        <Text className="row__text">{t('flags.revoke')}</Text>
        <Switch
          id={`flag-revoke-${flag.id}`}
          checked={revoke}
          color="#c0392b"
          onChange={(event) => setRevoke(event.detail.value)}
        />
      </View>
      <View className="row">
        <Button
          id={`flag-dismiss-${flag.id}`}
          className="button button--secondary"
          onClick={() => resolve('dismissed')}
        >
          {t('flags.dismiss')}
        </Button>
        <Button id={`flag-confirm-${flag.id}`} className="button button--danger" onClick={() => resolve('confirmed')}>
          {t('flags.confirm')}
        </Button>
      </View>
      <ActionOutcome id={`flag-${flag.id}`} outcome={action.outcome} />
    </View>
  );
}
