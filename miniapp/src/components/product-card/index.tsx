import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { shareOfFen, type Product, type PublicProduct } from '@linli/shared';
import { formatYuan } from '../../format/market';
import { useI18n } from '../../i18n';
import ImageGallery, { Picture } from '../image-gallery';

/**
 * A 微益坊 product: title, price, maker, stock, how much of each sale goes to the fund; its review status
 * for the maker and office. Its photos: the first one in a list (a tap opens the product), all of them
 * otherwise (a tap enlarges one).
 */
export default function ProductCard({
  product,
  onOpen,
  children,
}: {
  product: PublicProduct | Product;
  onOpen?: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const status = 'status' in product ? product.status : undefined;
  const fundFen = shareOfFen(product.priceFen, product.fundShareBps);
  const images = product.images ?? [];
  const [first] = images;
  return (
    <View className="card product-card" id={`product-${product.id}`}>
      <View className="good-card__main" onClick={onOpen}>
        {onOpen && first ? (
          <Picture
            className="card-picture product-card__picture"
            src={first.thumbUrl}
            alt={t('photos.alt', { subject: product.title, index: 1, count: images.length })}
          />
        ) : null}
        {onOpen ? null : <ImageGallery id={`product-${product.id}-photos`} images={images} subject={product.title} />}
        <View className="row">
          <Text className="card__value product-card__title">{product.title}</Text>
          {onOpen ? <Text className="nav-row__arrow">›</Text> : null}
        </View>
        <Text className="points product-card__price">{formatYuan(product.priceFen)}</Text>
        <View className="tags">
          {status ? (
            <Text className={`tag product-card__status product-status--${status}`}>
              {t(`product.status.${status}`)}
            </Text>
          ) : null}
          <Text className={product.stock > 0 ? 'tag tag--plain' : 'tag tag--danger'}>
            {product.stock > 0 ? t('product.stock', { stock: product.stock }) : t('product.soldOut')}
          </Text>
          <Text className="tag tag--plain">{t('product.maker', { name: product.makerName })}</Text>
        </View>
        <Text className="card__hint product-card__fund">{t('product.fundShare', { amount: formatYuan(fundFen) })}</Text>
        {product.description ? <Text className="card__hint">{product.description}</Text> : null}
        {'reason' in product && product.reason ? (
          <Text className="form-error">{t('product.rejectedReason', { reason: product.reason })}</Text>
        ) : null}
      </View>
      {children}
    </View>
  );
}
