export default definePageConfig({ navigationBarTitleText: '优惠记录' });
