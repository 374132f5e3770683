import { View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type MerchantDetail } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import MerchantLayout from '../../components/merchant-layout';
import OfferFields, { readOffer, type OfferInput } from '../../../components/offer-fields';
import SubmitButton from '../../../components/submit-button';
import { discountInput } from '../../../format/market';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';

/** Change the discount certified volunteers get here. */
export default function MerchantOfferPage() {
  return (
    <MerchantLayout title="merchantConsole.offer">
      {({ communityId, merchant, reload }) => (
        <OfferForm key={merchant.id} communityId={communityId} merchant={merchant} onSaved={reload} />
      )}
    </MerchantLayout>
  );
}

function OfferForm({
  communityId,
  merchant,
  onSaved,
}: {
  communityId: string;
  merchant: MerchantDetail;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [offer, setOffer] = useState<OfferInput>({
    discount: discountInput(merchant.offer),
    description: merchant.offer.description,
  });
  const action = useAction();
  const save = async () => {
    const read = readOffer(offer);
    if (!read) return action.fail(t('offer.invalid'));
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.updateMerchantOffer, {
        params: { cid: communityId, mid: merchant.id },
        body: { offer: read },
        idempotencyKey,
      });
      return t('offer.saved');
    });
    if (done) onSaved();
  };
  return (
    <View className="card" id="offer-form">
      <OfferFields value={offer} onChange={setOffer} />
      <SubmitButton id="offer-save" busy={action.busy} onClick={save}>
        {t('offer.save')}
      </SubmitButton>
      <ActionOutcome id="offer" outcome={action.outcome} />
    </View>
  );
}
