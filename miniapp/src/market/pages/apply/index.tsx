import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MERCHANT_CATEGORIES, contracts } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import OfferFields, { readOffer, type OfferInput } from '../../../components/offer-fields';
import PageLayout from '../../../components/page-layout';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/action';
import { useSession } from '../../../state/session';
import { useI18n } from '../../../i18n';

type Category = (typeof MERCHANT_CATEGORIES)[number];

interface Application {
  name: string;
  licenceNumber: string;
  category: Category | undefined;
  address: string;
  contact: string;
  offer: OfferInput;
}

const EMPTY: Application = {
  name: '',
  licenceNumber: '',
  category: undefined,
  address: '',
  contact: '',
  offer: { discount: '', description: '' },
};

/** A shop applies to join the alliance with its licence and the discount it gives certified volunteers. */
export default function MerchantApplyPage() {
  const { t } = useI18n();
  const { communityId } = useSession();
  const [form, setForm] = useState<Application>(EMPTY);
  const action = useAction();
  const set = (change: Partial<Application>) => setForm((previous) => ({ ...previous, ...change }));

  const submit = async () => {
    const offer = readOffer(form.offer);
    const licenceNumber = form.licenceNumber.trim().toUpperCase();
    if (!form.name.trim() || !form.address.trim()) return action.fail(t('apply.required'));
    if (!/^[0-9A-Z]{8,30}$/.test(licenceNumber)) return action.fail(t('apply.licenceInvalid'));
    if (!form.category) return action.fail(t('apply.categoryRequired'));
    if (!offer) return action.fail(t('offer.invalid'));
    const contact = form.contact.trim();
    const category = form.category;
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.submitMerchantApplication, {
        params: { cid: communityId ?? '' },
        body: {
          name: form.name.trim(),
          licenceNumber,
          category,
          address: form.address.trim(),
          offer,
          ...(contact ? { contact } : {}),
        },
        idempotencyKey,
      });
      return t('apply.done');
    });
    if (done) setForm(EMPTY);
  };

  return (
    <PageLayout title="apply.title" requires="community">
      <Text className="notice">{t('apply.intro')}</Text>
      <View className="card" id="apply-form">
        <ApplicationFields form={form} onChange={set} />
        <OfferFields value={form.offer} onChange={(offer) => set({ offer })} />
        <SubmitButton id="apply-submit" busy={action.busy} onClick={submit}>
          {t('apply.submit')}
        </SubmitButton>
        <ActionOutcome id="apply" outcome={action.outcome} />
      </View>
    </PageLayout>
  );
}

/** The shop's details: name, licence number, category, address and contact. */
function ApplicationFields({
  form,
  onChange: set,
}: {
  form: Application;
  onChange: (change: Partial<Application>) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        id="apply-name"
        label={t('apply.name')}
        value={form.name}
        maxlength={60}
        onChange={(name) => set({ name })}
      />
      <TextField
        id="apply-licence"
        label={t('apply.licence')}
        value={form.licenceNumber}
        placeholder={t('apply.licencePlaceholder')}
        maxlength={30}
        onChange={(licenceNumber) => set({ licenceNumber })}
      />
      <Text className="field__label">{t('apply.category')}</Text>
      <ChoiceTabs
        idPrefix="apply-category"
        value={form.category}
        onChange={(category) => set({ category })}
        choices={MERCHANT_CATEGORIES.map((value) => ({ value, label: t(`merchantCategory.${value}`) }))}
      />
      <TextField
        id="apply-address"
        label={t('apply.address')}
        value={form.address}
        maxlength={120}
        onChange={(address) => set({ address })}
      />
      <TextField
        id="apply-contact"
        label={t('apply.contact')}
        value={form.contact}
        numeric
        maxlength={20}
        onChange={(contact) => set({ contact })}
      />
    </>
  );
}
