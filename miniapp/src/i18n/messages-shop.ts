/**
 * The strings of 微益坊 (the artisan shop) and the public charity fund, merged into the main
 * catalogues in messages.ts; every key here has its English translation below.
 */
export const shopFundZhCN = {
  'market.shop': '逛逛微益坊',
  'market.shopHint': '居民手作好物，每笔销售都有一部分捐入社区基金',
} as const;

export type ShopFundMessageKey = keyof typeof shopFundZhCN;

export const shopFundEn: Record<ShopFundMessageKey, string> = {
  'market.shop': 'Visit the artisan shop',
  'market.shopHint': 'Handmade by residents; part of every sale goes to the community fund',
};
