import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import MerchantCard from '../../../components/merchant-card';
import PageLayout from '../../../components/page-layout';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/action';
import { useSession } from '../../../state/session';
import { useI18n } from '../../../i18n';

/** One alliance merchant: the volunteer discount and address, and 投诉 when the discount was refused. */
export default function MerchantPage() {
  const merchantId = useRouter().params.id ?? '';
  const { communityId } = useSession();
  const cid = communityId ?? '';
  const merchant = useApi(communityId ? `merchant:${cid}:${merchantId}` : null, () =>
    request(contracts.getMerchant, { params: { cid, mid: merchantId } }),
  );
  return (
    <PageLayout
      title="merchant.title"
      requires="community"
      loading={merchant.loading}
      error={merchant.error}
      onRetry={merchant.reload}
    >
      {merchant.data ? (
        <>
          <MerchantCard merchant={merchant.data} />
          <ComplaintForm communityId={cid} merchantId={merchantId} />
        </>
      ) : null}
    </PageLayout>
  );
}

function ComplaintForm({ communityId, merchantId }: { communityId: string; merchantId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [description, setDescription] = useState('');
  const action = useAction();

  const submit = async () => {
    const trimmed = description.trim();
    if (!trimmed) return action.fail(t('complaint.required'));
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.fileComplaint, {
        params: { cid: communityId, mid: merchantId },
        body: { description: trimmed },
        idempotencyKey,
      });
      return t('complaint.done');
    });
    if (done) {
      setDescription('');
      setOpen(false);
    }
  };

  return (
    <View className="card" id="complaint">
      <Text className="card__label">{t('complaint.title')}</Text>
      <Text className="card__hint">{t('complaint.hint')}</Text>
      {open ? (
        <>
          <TextField
            id="complaint-description"
            label={t('complaint.description')}
            value={description}
            placeholder={t('complaint.placeholder')}
            maxlength={500}
            multiline
            onChange={setDescription}
          />
          <View className="row">
            <Button className="button button--secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <SubmitButton id="complaint-submit" busy={action.busy} onClick={submit}>
              {t('complaint.submit')}
            </SubmitButton>
          </View>
        </>
      ) : (
        <Button id="complaint-open" className="button button--danger" onClick={() => setOpen(true)}>
          {t('complaint.open')}
        </Button>
      )}
      <ActionOutcome id="complaint" outcome={action.outcome} />
    </View>
  );
}
