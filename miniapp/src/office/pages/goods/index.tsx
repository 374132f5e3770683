import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, type Good } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import EmptyState from '../../../components/empty-state';
import GoodCard from '../../../components/good-card';
import SubmitButton from '../../../components/submit-button';
import OfficeLayout from '../../components/office-layout';
import TextField from '../../../components/text-field';
import { parseWholeNumber, parseYuanToFen } from '../../../format/market';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';
import { currencyOf } from '../../../format/points';
import { accessibleName } from '../../../components/accessible-name';

interface GoodInput {
  name: string;
  description: string;
  pricePoints: string;
  stock: string;
  value: string;
}
const EMPTY: GoodInput = { name: '', description: '', pricePoints: '', stock: '', value: '' };

/** 诚信超市 goods: put a new good on the shelf (price in points, stock, its worth in yuan) and restock. */
export default function OfficeGoodsPage() {
  const { language } = useI18n();
  return (
    <OfficeLayout title="office.goods">
      {({ communityId, me }) => (
        <GoodsShelf communityId={communityId} currencyName={currencyOf(me.community, language)} />
      )}
    </OfficeLayout>
  );
}

function GoodsShelf({ communityId, currencyName }: { communityId: string; currencyName: string }) {
  const { t } = useI18n();
  const goods = useApi(`office-goods:${communityId}`, () =>
    request(contracts.listGoods, { params: { cid: communityId } }),
  );
  return (
    <>
      <NewGoodForm communityId={communityId} currencyName={currencyName} onCreated={goods.reload} />
      <Text className="section-title">{t('goods.shelf')}</Text>
      {goods.data?.items.length === 0 ? <EmptyState id="goods-empty" title={t('market.goodsEmpty')} /> : null}
      <View className="list" id="office-goods-list">
        {goods.data?.items.map((good) => (
          <GoodCard key={good.id} good={good} currencyName={currencyName} showValue>
            <RestockForm communityId={communityId} good={good} onRestocked={goods.reload} />
          </GoodCard>
        ))}
      </View>
    </>
  );
}

function NewGoodForm({
  communityId,
  currencyName,
  onCreated,
}: {
  communityId: string;
  currencyName: string;
  onCreated: () => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<GoodInput>(EMPTY);
  const action = useAction();
  const set = (change: Partial<GoodInput>) => setForm((previous) => ({ ...previous, ...change }));

  const create = async () => {
    const name = form.name.trim();
    const pricePoints = parseWholeNumber(form.pricePoints, 1, 100_000);
    const stock = parseWholeNumber(form.stock, 0, 100_000);
    const valueFen = parseYuanToFen(form.value);
    if (!name) return action.fail(t('goods.nameRequired'));
    if (pricePoints === null) return action.fail(t('goods.priceInvalid'));
    if (stock === null) return action.fail(t('goods.stockInvalid'));
    if (valueFen === null) return action.fail(t('goods.valueInvalid'));
    const description = form.description.trim();
    const done = await action.run(async (idempotencyKey) => {
      await request(contracts.createGood, {
        params: { cid: communityId },
        body: { name, pricePoints, stock, valueFen, ...(description ? { description } : {}) },
        idempotencyKey,
      });
      return t('goods.created', { name });
    });
    if (done) {
      setForm(EMPTY);
      onCreated();
    }
  };

  return (
    <View className="card" id="good-form">
      <Text className="card__label">{t('goods.new')}</Text>
      <GoodFields currencyName={currencyName} form={form} onChange={set} />
      <SubmitButton id="good-submit" busy={action.busy} onClick={create}>
        {t('goods.create')}
      </SubmitButton>
      <ActionOutcome id="good" outcome={action.outcome} />
    </View>
  );
}

function RestockForm({ communityId, good, onRestocked }: { communityId: string; good: Good; onRestocked: () => void }) {
  const { t } = useI18n();
  const [quantity, setQuantity] = useState('');
  const action = useAction();
  const restock = async () => {
    const amount = parseWholeNumber(quantity, 1, 100_000);
    if (amount === null) return action.fail(t('goods.restockInvalid'));
    const done = await action.run(async (idempotencyKey) => {
      const updated = await request(contracts.restockGood, {
        params: { cid: communityId, goodId: good.id },
        body: { quantity: amount },
        idempotencyKey,
      });
      return t('goods.restocked', { stock: updated.stock });
    });
    if (done) {
      setQuantity('');
      onRestocked();
    }
  };
  return (
    <View className="field">
      <View className="row">
        <Input
          {...accessibleName(t('goods.restockPlaceholder'))}
          id={`restock-${good.id}`}
          className="field__input"
          type="number"
          value={quantity}
          placeholder={t('goods.restockPlaceholder')}
          maxlength={6}
          onInput={(event) => setQuantity(event.detail.value.replace(/\D/g, ''))}
        />
        <Button id={`restock-submit-${good.id}`} className="button button--secondary button--small" onClick={restock}>
          {t('goods.restock')}
        </Button>
      </View>
      <ActionOutcome id={`restock-${good.id}`} outcome={action.outcome} />
    </View>
  );
}

/** A good's name, description, price in points, stock and worth in yuan. */
function GoodFields({
  currencyName,
  form,
  onChange: set,
}: {
  currencyName: string;
  form: GoodInput;
  onChange: (change: Partial<GoodInput>) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        id="good-name"
        label={t('goods.name')}
        value={form.name}
        placeholder={t('goods.namePlaceholder')}
        maxlength={60}
        onChange={(name) => set({ name })}
      />
      <TextField
        id="good-description"
        label={t('goods.description')}
        value={form.description}
        maxlength={300}
        onChange={(description) => set({ description })}
      />
      <TextField
        id="good-price"
        label={t('goods.price', { currency: currencyName })}
        value={form.pricePoints}
        numeric
        maxlength={6}
        onChange={(pricePoints) => set({ pricePoints })}
      />
      <TextField
        id="good-stock"
        label={t('goods.stock')}
        value={form.stock}
        numeric
        maxlength={6}
        onChange={(stock) => set({ stock })}
      />
      <TextField
        id="good-value"
        label={t('goods.valueYuan')}
        hint={t('goods.valueHint')}
        value={form.value}
        placeholder="15.00"
        maxlength={10}
        onChange={(value) => set({ value })}
      />
    </>
  );
}
