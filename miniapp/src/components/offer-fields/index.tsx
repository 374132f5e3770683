import { parseDiscount } from '../../format/market';
import { useI18n } from '../../i18n';
import TextField from '../text-field';

export interface OfferInput {
  discount: string;
  description: string;
}

/** The discount (typed as 8 or 8.6, meaning 8折 / 8.6折) and what it covers. */
export default function OfferFields({ value, onChange }: { value: OfferInput; onChange: (value: OfferInput) => void }) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        id="offer-discount"
        label={t('offer.discount')}
        hint={t('offer.discountHint')}
        value={value.discount}
        placeholder="8"
        maxlength={4}
        onChange={(discount) => onChange({ ...value, discount })}
      />
      <TextField
        id="offer-description"
        label={t('offer.description')}
        value={value.description}
        placeholder={t('offer.descriptionPlaceholder')}
        maxlength={120}
        onChange={(description) => onChange({ ...value, description })}
      />
    </>
  );
}

/** The offer the fields describe, or null when the discount or the description is missing or wrong. */
export function readOffer(value: OfferInput): { pricePercent: number; description: string } | null {
  const pricePercent = parseDiscount(value.discount);
  const description = value.description.trim();
  return pricePercent !== null && description !== '' ? { pricePercent, description } : null;
}
