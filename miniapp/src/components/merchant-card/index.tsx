import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { MerchantDetail, Offer, PublicMerchant } from '@linli/shared';
import { formatDiscount } from '../../format/market';
import { useI18n, type Translate } from '../../i18n';
import type { Language } from '../../state/preferences';
import ImageGallery, { Picture } from '../image-gallery';

/** `凭志愿者证 8折` — what a certified volunteer gets at this merchant. */
export function offerText(t: Translate, language: Language, offer: Offer): string {
  return t('merchant.offer', { discount: formatDiscount(offer.pricePercent, language) });
}

/**
 * One alliance merchant: its storefront photo, name, category, the volunteer discount in big amber text,
 * address; tap to open (on its own page a tap on the photo enlarges it).
 */
export default function MerchantCard({
  merchant,
  onOpen,
  children,
}: {
  merchant: PublicMerchant;
  onOpen?: () => void;
  children?: ReactNode;
}) {
  const { t, language } = useI18n();
  return (
    <View className="card merchant-card" id={`merchant-${merchant.id}`}>
      <View className="merchant-card__main" onClick={onOpen}>
        {merchant.storefront && onOpen ? (
          <Picture
            className="card-picture merchant-card__storefront"
            src={merchant.storefront.thumbUrl}
            alt={t('photos.alt', { subject: merchant.name, index: 1, count: 1 })}
          />
        ) : null}
        {merchant.storefront && !onOpen ? (
          <ImageGallery
            id={`merchant-${merchant.id}-storefront`}
            images={[merchant.storefront]}
            subject={merchant.name}
            size="cover"
          />
        ) : null}
        <View className="row">
          <Text className="card__value merchant-card__name">{merchant.name}</Text>
          {onOpen ? <Text className="nav-row__arrow">›</Text> : null}
        </View>
        <View className="tags">
          <Text className="tag">{t(`merchantCategory.${merchant.category}`)}</Text>
          {merchant.status !== 'active' ? (
            <Text className={merchant.status === 'warned' ? 'tag tag--amber' : 'tag tag--danger'}>
              {t(`merchantStatus.${merchant.status}`)}
            </Text>
          ) : null}
        </View>
        <Text className="merchant-card__offer">{offerText(t, language, merchant.offer)}</Text>
        <Text className="card__hint">{merchant.offer.description}</Text>
        <Text className="card__hint">{t('merchant.address', { address: merchant.address })}</Text>
      </View>
      {children}
    </View>
  );
}

/** What the office weighs before deciding: the licence, contact, discounts given and complaints. */
export function MerchantRecord({ merchant }: { merchant: MerchantDetail }) {
  const { t } = useI18n();
  return (
    <View className="merchant-record">
      <Text className="card__hint">{t('merchant.licence', { licence: merchant.licenceNumber })}</Text>
      {merchant.contact ? (
        <Text className="card__hint">{t('merchant.contact', { contact: merchant.contact })}</Text>
      ) : null}
      <Text className="card__hint">
        {t('merchantConsole.recordText', {
          uses: merchant.usesCount,
          complaints: merchant.complaintsCount,
          upheld: merchant.upheldComplaintsCount,
        })}
      </Text>
      {merchant.reason ? <Text className="card__hint">{t('merchant.reason', { reason: merchant.reason })}</Text> : null}
    </View>
  );
}
