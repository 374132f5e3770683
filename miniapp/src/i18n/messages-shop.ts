/**
 * The strings of 微益坊 (the artisan shop) and the public charity fund, merged into the main
 * catalogues in messages.ts; every key here has its English translation below.
 */
export const shopFundZhCN = {
  'market.shop': '逛逛微益坊',
  'market.shopHint': '居民手作好物，每笔销售都有一部分捐入社区基金',

  'office.shopFundSection': '微益坊与基金',
  'office.products': '商品审核',
  'office.productsHint': '审核手作人上架的商品',
  'office.orders': '订单管理',
  'office.ordersHint': '备货、发货、完成或退款',
  'office.makers': '手作人结算',
  'office.makersHint': '查看手作人收入，登记结算打款',
  'office.fundIncome': '基金收入',
  'office.fundIncomeHint': '登记义卖所得、现金捐款',
  'office.expenses': '基金支出',
  'office.expensesHint': '提交支出，由另一位社工审批',
} as const;

export type ShopFundMessageKey = keyof typeof shopFundZhCN;

export const shopFundEn: Record<ShopFundMessageKey, string> = {
  'market.shop': 'Visit the artisan shop',
  'market.shopHint': 'Handmade by residents; part of every sale goes to the community fund',

  'office.shopFundSection': 'Artisan shop and fund',
  'office.products': 'Review listings',
  'office.productsHint': 'Approve or reject makers’ products',
  'office.orders': 'Orders',
  'office.ordersHint': 'Pickup, shipping, completion or refund',
  'office.makers': 'Maker payouts',
  'office.makersHint': 'Makers’ earnings; record payouts',
  'office.fundIncome': 'Fund income',
  'office.fundIncomeHint': 'Record charity stall proceeds and cash donations',
  'office.expenses': 'Fund expenses',
  'office.expensesHint': 'Submit expenses; another staff member approves',
};
