import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type MemberView } from '@linli/shared';
import { request } from '../../../api';
import MemberPicker from '../../components/member-picker';
import OfficeLayout from '../../components/office-layout';
import { describeError, useI18n } from '../../../i18n';
import { accessibleName } from '../../../components/accessible-name';

/** Revoke a certificate that was misused (with the reason), or reinstate one revoked by mistake. */
export default function OfficeCertificatesPage() {
  return (
    <OfficeLayout title="office.certificates">
      {({ communityId }) => <CertificateActions communityId={communityId} />}
    </OfficeLayout>
  );
}

function CertificateActions({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [member, setMember] = useState<MemberView>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();

  const act = async (action: 'revoke' | 'reinstate') => {
    if (busy) return;
    if (!member) return setOutcome({ ok: false, text: t('attendance.memberRequired') });
    const trimmedReason = reason.trim();
    if (action === 'revoke' && !trimmedReason) return setOutcome({ ok: false, text: t('certificates.reasonRequired') });
    setBusy(true);
    setOutcome(undefined);
    const params = { cid: communityId, memberId: member.id };
    try {
      if (action === 'revoke') {
        await request(contracts.revokeCertificate, { params, body: { reason: trimmedReason } });
      } else {
        await request(contracts.reinstateCertificate, { params });
      }
      const done = action === 'revoke' ? 'certificates.revoked' : 'certificates.reinstated';
      setOutcome({ ok: true, text: t(done, { name: member.displayName }) });
      setReason('');
    } catch (error) {
      setOutcome({ ok: false, text: describeError(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" id="certificates-form">
      <MemberPicker communityId={communityId} selected={member} onSelect={setMember} />
      <View className="field">
        <Text className="field__label">{t('certificates.reason')}</Text>
        <Input
          {...accessibleName(t('certificates.reason'))}
          id="certificate-reason"
          className="field__input"
          value={reason}
          placeholder={t('certificates.reasonPlaceholder')}
          maxlength={200}
          onInput={(event) => setReason(event.detail.value)}
        />
      </View>
      <Button id="certificate-revoke" className="button button--danger" onClick={() => act('revoke')}>
        {t('certificates.revoke')}
      </Button>
      <Button id="certificate-reinstate" className="button button--secondary" onClick={() => act('reinstate')}>
        {t('certificates.reinstate')}
      </Button>
      {outcome ? (
        <Text
          id={outcome.ok ? 'certificates-result' : 'certificates-error'}
          className={outcome.ok ? 'result-good' : 'result-bad'}
        >
          {outcome.text}
        </Text>
      ) : null}
    </View>
  );
}
