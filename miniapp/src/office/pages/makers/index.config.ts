export default definePageConfig({ navigationBarTitleText: '手作人结算' });
