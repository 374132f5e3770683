export default definePageConfig({ navigationBarTitleText: '商家公告' });
