import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type MerchantDetail } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import SubmitButton from '../../../components/submit-button';
import MerchantLayout from '../../components/merchant-layout';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/action';
import { useMe } from '../../../hooks/me';
import { useI18n } from '../../../i18n';

/** The owner adds a shop assistant (by the member number shown on their 我的 page) so they can verify passes. */
export default function MerchantStaffPage() {
  return (
    <MerchantLayout title="merchantConsole.staff">
      {({ communityId, merchant, reload }) => (
        <StaffForm communityId={communityId} merchant={merchant} onAdded={reload} />
      )}
    </MerchantLayout>
  );
}

function StaffForm({
  communityId,
  merchant,
  onAdded,
}: {
  communityId: string;
  merchant: MerchantDetail;
  onAdded: () => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const [memberId, setMemberId] = useState('');
  const action = useAction();
  const owner = me.data?.member.id === merchant.ownerId;

  const add = async () => {
    const id = memberId.trim();
    if (!id) return action.fail(t('staff.memberIdRequired'));
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.addMerchantStaff, {
        params: { cid: communityId, mid: merchant.id },
        body: { memberId: id },
        idempotencyKey,
      });
      return t('staff.added');
    });
    if (done) {
      setMemberId('');
      onAdded();
    }
  };

  return (
    <>
      <View className="card" id="staff-list">
        <Text className="card__label">{t('staff.count', { count: merchant.staffIds.length })}</Text>
        {merchant.staffIds.map((id) => (
          <Text key={id} className="card__hint">
            {id === merchant.ownerId ? t('staff.owner', { id }) : id}
          </Text>
        ))}
      </View>
      {owner ? (
        <View className="card" id="staff-form">
          <TextField
            id="staff-member-id"
            label={t('staff.memberId')}
            hint={t('staff.memberIdHint')}
            value={memberId}
            maxlength={64}
            onChange={setMemberId}
          />
          <SubmitButton id="staff-add" busy={action.busy} onClick={add}>
            {t('staff.add')}
          </SubmitButton>
          <ActionOutcome id="staff" outcome={action.outcome} />
        </View>
      ) : (
        <Text className="notice">{t('staff.ownerOnly')}</Text>
      )}
    </>
  );
}
