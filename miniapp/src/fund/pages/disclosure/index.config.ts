export default definePageConfig({ navigationBarTitleText: '基金信息公开' });
