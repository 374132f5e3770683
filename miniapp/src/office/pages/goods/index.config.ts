export default definePageConfig({ navigationBarTitleText: '超市商品' });
