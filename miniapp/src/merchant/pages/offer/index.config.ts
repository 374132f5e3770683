export default definePageConfig({ navigationBarTitleText: '修改优惠' });
