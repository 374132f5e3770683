import { Button, Switch, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type ProxyFlag } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import TextField from '../../../components/text-field';
import DecisionQueue, { type Decision } from '../../components/decision-queue';
import OfficeLayout from '../../components/office-layout';
import { formatDateTime } from '../../../format/time';
import { useI18n, type MessageKey, type Translate } from '../../../i18n';

/** Suspected use of someone else's certificate: dismiss, or confirm (and revoke the certificate at once). */
export default function OfficeFlagsPage() {
  return (
    <OfficeLayout title="office.flags">
      {({ communityId }) => (
        <DecisionQueue
          communityId={communityId}
          listId="flags-list"
          listKey={`flags:${communityId}`}
          loadPage={(cursor) => request(contracts.listFlags, { params: { cid: communityId }, query: { cursor } })}
          empty="flags.empty"
          renderItem={(flag, decision) => <FlagCard flag={flag} decision={decision} />}
        />
      )}
    </OfficeLayout>
  );
}

/** A flag reason in words when we know it (`too_many_uses_today` → 当天使用次数过多), else as the server wrote it. */
export function flagReasonText(t: Translate, reason: string): string {
  const key = `flags.reason.${reason}`;
  return (FLAG_REASON_KEYS as readonly string[]).includes(key) ? t(key as MessageKey) : reason;
}
const FLAG_REASON_KEYS = ['flags.reason.two_merchants_within_10_minutes', 'flags.reason.too_many_uses_today'] as const;

function FlagCard({ flag, decision }: { flag: ProxyFlag; decision: Decision }) {
  const { t, language } = useI18n();
  const [note, setNote] = useState('');
  const [revoke, setRevoke] = useState(false);
  const resolve = (outcome: 'dismissed' | 'confirmed') =>
    decision.decide(
      () =>
        request(contracts.resolveFlag, {
          params: { cid: decision.communityId, flagId: flag.id },
          body: {
            outcome,
            ...(outcome === 'confirmed' && revoke ? { revokeCertificate: true } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        }),
      t(outcome === 'confirmed' ? 'flags.confirmed' : 'flags.dismissed'),
    );
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
      <ActionOutcome id={`flag-${flag.id}`} outcome={decision.outcome} />
    </View>
  );
}
