export default definePageConfig({ navigationBarTitleText: '基金支出' });
