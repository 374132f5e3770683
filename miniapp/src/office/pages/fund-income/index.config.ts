export default definePageConfig({ navigationBarTitleText: '基金收入' });
