import { Text } from '@tarojs/components';
import { contracts, type Product } from '@linli/shared';
import { request } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ProductCard from '../../../components/product-card';
import DecisionQueue, { ApproveOrReject, type Decision } from '../../components/decision-queue';
import OfficeLayout from '../../components/office-layout';
import { useI18n } from '../../../i18n';

/** 微益坊 listings waiting for review: approve, or reject with a reason the maker will read. */
export default function OfficeProductsPage() {
  return (
    <OfficeLayout title="office.products">
      {({ communityId }) => (
        <DecisionQueue
          communityId={communityId}
          listId="product-reviews"
          listKey={`product-reviews:${communityId}`}
          loadPage={(cursor) =>
            request(contracts.listProductsForReview, {
              params: { cid: communityId },
              query: { status: 'pending', cursor },
            })
          }
          empty="productReview.empty"
          leaveAfterMilliseconds={800}
          renderItem={(product, decision) => <ReviewCard product={product} decision={decision} />}
        />
      )}
    </OfficeLayout>
  );
}

function ReviewCard({ product, decision }: { product: Product; decision: Decision }) {
  const { t } = useI18n();
  const params = { cid: decision.communityId, pid: product.id };
  return (
    <ProductCard product={product}>
      <ApproveOrReject
        name="product"
        itemId={product.id}
        labels={{
          approve: t('productReview.approve'),
          reject: t('productReview.reject'),
          rejectPlaceholder: t('productReview.rejectPlaceholder'),
        }}
        busy={decision.busy}
        onApprove={() =>
          decision.decide(
            () => request(contracts.approveProduct, { params }),
            t('productReview.approved', { title: product.title }),
          )
        }
        onReject={(reason) =>
          decision.decide(
            () => request(contracts.rejectProduct, { params, body: { reason } }),
            t('productReview.rejected', { title: product.title }),
          )
        }
      />
      {product.contentHeld ? (
        <Text className="tag tag--amber" id={`product-content-held-${product.id}`}>
          {t('products.contentHeld')}
        </Text>
      ) : null}
      <ActionOutcome id={`product-review-${product.id}`} outcome={decision.outcome} />
    </ProductCard>
  );
}
