import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, MAX_PRODUCT_IMAGES, type ImageView, type MakerEarnings, type ProductRequest } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import EmptyState from '../../../components/empty-state';
import ImageUploader from '../../../components/image-uploader';
import PageLayout from '../../../components/page-layout';
import ProductCard from '../../../components/product-card';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { parsePositiveYuan } from '../../../format/fund';
import { formatYuan, parseWholeNumber } from '../../../format/market';
import { useAction } from '../../../hooks/action';
import { useMe } from '../../../hooks/me';
import { useI18n, type Translate } from '../../../i18n';

/**
 * 我的小店: a maker's sales and earnings, a form for a new listing (reviewed by the office), and my
 * listings. Only members with the `maker` role have a shop (the API answers 403 to anyone else), so
 * the page reads my roles first and tells everyone else how to become a maker instead of calling it.
 */
export default function MakerConsolePage() {
  const { t } = useI18n();
  const me = useMe();
  const isMaker = me.data?.member.roles.includes('maker') ?? false;
  const cid = me.communityId;
  const mine = useApi(isMaker ? `my-products:${cid}` : null, () =>
    request(contracts.listMyProducts, { params: { cid } }),
  );
  return (
    <PageLayout
      title="maker.title"
      requires="community"
      loading={me.loading || mine.loading}
      error={me.error ?? mine.error}
      onRetry={me.error ? me.reload : mine.reload}
    >
      {me.data && !isMaker ? <EmptyState id="maker-none" title={t('maker.none')} hint={t('maker.noneHint')} /> : null}
      {isMaker ? (
        <>
          {mine.data ? <EarningsCard earnings={mine.data.earnings} /> : null}
          <NewProductForm communityId={cid} onCreated={mine.reload} />
          <Text className="section-title">{t('maker.listings')}</Text>
          {mine.data?.items.length === 0 ? <EmptyState id="maker-products-empty" title={t('maker.empty')} /> : null}
          <View className="list" id="maker-products">
            {mine.data?.items.map((product) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </View>
        </>
      ) : null}
    </PageLayout>
  );
}

function EarningsCard({ earnings }: { earnings: MakerEarnings }) {
  const { t } = useI18n();
  const rows: [string, string, string][] = [
    ['maker-sales-count', t('maker.salesCount'), String(earnings.salesCount)],
    ['maker-sales', t('maker.sales'), formatYuan(earnings.salesFen)],
    ['maker-earnings', t('maker.earnings'), formatYuan(earnings.earningsFen)],
    ['maker-paid-out', t('maker.paidOut'), formatYuan(earnings.paidOutFen)],
    ['maker-owed', t('maker.owed'), formatYuan(earnings.owedFen)],
    ...(earnings.debtFen > 0
      ? [['maker-debt', t('maker.debt'), formatYuan(earnings.debtFen)] as [string, string, string]]
      : []),
  ];
  return (
    <View className="card" id="maker-earnings-card">
      {rows.map(([id, label, value]) => (
        <View className="row" key={id}>
          <Text className="row__text card__label">{label}</Text>
          <Text className="card__value" id={id}>
            {value}
          </Text>
        </View>
      ))}
    </View>
  );
}

interface ProductInput {
  title: string;
  description: string;
  price: string;
  stock: string;
  photos: ImageView[];
}
const EMPTY: ProductInput = { title: '', description: '', price: '', stock: '', photos: [] };

/** The listing the form describes, or the first thing to fix. */
function productFromForm(form: ProductInput, t: Translate): ProductRequest | { problem: string } {
  const title = form.title.trim();
  const description = form.description.trim();
  const priceFen = parsePositiveYuan(form.price);
  const stock = parseWholeNumber(form.stock, 0, 10_000);
  if (!title) return { problem: t('maker.titleRequired') };
  if (!description) return { problem: t('maker.descriptionRequired') };
  if (priceFen === null) return { problem: t('maker.priceInvalid') };
  if (stock === null) return { problem: t('maker.stockInvalid') };
  const images = form.photos.map((photo) => photo.id);
  return { title, description, priceFen, stock, ...(images.length > 0 ? { images } : {}) };
}

function NewProductForm({ communityId, onCreated }: { communityId: string; onCreated: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<ProductInput>(EMPTY);
  const [uploading, setUploading] = useState(false);
  const action = useAction();
  const set = (change: Partial<ProductInput>) => setForm((previous) => ({ ...previous, ...change }));

  const create = async () => {
    if (uploading) return action.fail(t('photos.stillUploading'));
    const body = productFromForm(form, t);
    if ('problem' in body) return action.fail(body.problem);
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.createProduct, { params: { cid: communityId }, body, idempotencyKey });
      return t('maker.created', { title: body.title });
    });
    if (done) {
      setForm(EMPTY);
      onCreated();
    }
  };

  return (
    <View className="card" id="product-form">
      <Text className="card__label">{t('maker.new')}</Text>
      <ProductFields form={form} onChange={set} />
      <ImageUploader
        id="product-photos"
        communityId={communityId}
        purpose="product"
        max={MAX_PRODUCT_IMAGES}
        value={form.photos}
        onChange={(photos) => set({ photos })}
        onBusyChange={setUploading}
        label={t('photos.product')}
        hint={t('photos.productHint')}
        subject={form.title.trim() || undefined}
      />
      <SubmitButton id="product-submit" busy={action.busy} onClick={create}>
        {t('maker.submit')}
      </SubmitButton>
      <ActionOutcome id="product" outcome={action.outcome} />
    </View>
  );
}

function ProductFields({
  form,
  onChange: set,
}: {
  form: ProductInput;
  onChange: (change: Partial<ProductInput>) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        id="product-title"
        label={t('maker.productTitle')}
        value={form.title}
        maxlength={60}
        onChange={(title) => set({ title })}
      />
      <TextField
        id="product-description"
        label={t('maker.description')}
        value={form.description}
        maxlength={1000}
        multiline
        onChange={(description) => set({ description })}
      />
      <TextField
        id="product-price"
        label={t('maker.priceYuan')}
        hint={t('maker.priceHint')}
        value={form.price}
        placeholder="150.00"
        maxlength={10}
        onChange={(price) => set({ price })}
      />
      <TextField
        id="product-stock"
        label={t('maker.stock')}
        value={form.stock}
        numeric
        maxlength={5}
        onChange={(stock) => set({ stock })}
      />
    </>
  );
}
