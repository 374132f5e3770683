import { areaHandler, type AreaRoutes } from '../area';

/** The shop area's Lambda function: its routes (contract name → handler file); see `../area.ts`. */
export const routes = {
  createProduct: () => import('./create-product'),
  listProducts: () => import('./list-products'),
  getProduct: () => import('./get-product'),
  listProductsForReview: () => import('./list-products-for-review'),
  approveProduct: () => import('./approve-product'),
  rejectProduct: () => import('./reject-product'),
  listMyProducts: () => import('./list-my-products'),
  createOrder: () => import('./create-order'),
  getOrder: () => import('./get-order'),
  listMyOrders: () => import('./list-my-orders'),
  wechatPayNotify: () => import('./wechat-notify'),
  payOrder: () => import('./pay-order'),
  cancelOrder: () => import('./cancel-order'),
  listOrders: () => import('./list-orders'),
  fulfilOrder: () => import('./fulfil-order'),
  retryShippingUpload: () => import('./retry-shipping-upload'),
  refundOrder: () => import('./refund-order'),
  recordPayout: () => import('./record-payout'),
  listMakers: () => import('./list-makers'),
} satisfies AreaRoutes;

export const handler = areaHandler(routes);
