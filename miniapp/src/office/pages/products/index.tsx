import { View } from '@tarojs/components';
import { contracts, type Product } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import OfficeLayout from '../../components/office-layout';
import PagedListView from '../../../components/paged-list';
import ProductCard from '../../../components/product-card';
import SubmitButton from '../../../components/submit-button';
import ReasonPrompt from '../../components/reason-prompt';
import { useAction } from '../../../hooks/action';
import { usePagedList } from '../../../hooks/paged-list';
import { useI18n } from '../../../i18n';

/** 微益坊 listings waiting for review: approve, or reject with a reason the maker will read. */
export default function OfficeProductsPage() {
  return (
    <OfficeLayout title="office.products">
      {({ communityId }) => <ReviewQueue communityId={communityId} />}
    </OfficeLayout>
  );
}

function ReviewQueue({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const products = usePagedList(`product-reviews:${communityId}`, (cursor) =>
    request(contracts.listProductsForReview, { params: { cid: communityId }, query: { status: 'pending', cursor } }),
  );
  return (
    <PagedListView
      id="product-reviews"
      list={products}
      empty={t('productReview.empty')}
      renderItem={(product) => (
        <ReviewCard
          key={product.id}
          communityId={communityId}
          product={product}
          onDecided={() => products.removeWhere((item) => item.id === product.id)}
        />
      )}
    />
  );
}

function ReviewCard({
  communityId,
  product,
  onDecided,
}: {
  communityId: string;
  product: Product;
  onDecided: () => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const params = { cid: communityId, pid: product.id };
  const decide = async (call: () => Promise<unknown>, done: string) => {
    const decided = await action.run(async () => {
      await call();
      return done;
    });
    if (decided) setTimeout(onDecided, 800);
  };
  return (
    <ProductCard product={product}>
      <View className="row">
        <ReasonPrompt
          id={`product-reject-${product.id}`}
          label={t('productReview.reject')}
          placeholder={t('productReview.rejectPlaceholder')}
          danger
          busy={action.busy}
          onConfirm={(reason) =>
            decide(
              () => request(contracts.rejectProduct, { params, body: { reason } }),
              t('productReview.rejected', { title: product.title }),
            )
          }
        />
        <SubmitButton
          id={`product-approve-${product.id}`}
          busy={action.busy}
          onClick={() =>
            decide(
              () => request(contracts.approveProduct, { params }),
              t('productReview.approved', { title: product.title }),
            )
          }
        >
          {t('productReview.approve')}
        </SubmitButton>
      </View>
      <ActionOutcome id={`product-review-${product.id}`} outcome={action.outcome} />
    </ProductCard>
  );
}
